import { z } from "zod";
import { ROUTE_IDS } from "../routes/route-ids.ts";

/**
 * One fault rule. It applies to requests of `route` (a route id or `*`), optionally only those about
 * `resourceId` (a key's OCID on key and version routes, a vault's on vault routes), at most `times`
 * times. Effects, checked in this order:
 * - `rateLimit`: more than this many requests within `windowMs` answer 429 TooManyRequests with
 *   `Retry-After: retryAfterSeconds`;
 * - `latencyMs`: the answer comes this much later;
 * - `hangRate`: this share of requests is never answered (the client times out);
 * - `errorRate` (1 when only `status` is given): this share answers `status` (default 503).
 * With `after`, hangs and errors happen after the route did its work (the change is made, the answer lost).
 */
export const faultRuleSchema = z
  .object({
    route: z.enum([...ROUTE_IDS, "*"]),
    resourceId: z.string().min(1).max(255).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    status: z.number().int().min(400).max(599).optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    hangRate: z.number().min(0).max(1).optional(),
    rateLimit: z.number().int().min(0).max(1_000_000).optional(),
    windowMs: z.number().int().min(1).max(3_600_000).optional(),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    after: z.boolean().optional(),
    times: z.number().int().min(1).optional(),
    seed: z.number().int().min(0).max(4_294_967_295).optional(),
  })
  .strict()
  .refine(
    (r) =>
      r.errorRate !== undefined ||
      r.status !== undefined ||
      r.latencyMs !== undefined ||
      r.hangRate !== undefined ||
      r.rateLimit !== undefined,
    { message: "a fault rule needs at least one of errorRate, status, latencyMs, hangRate, rateLimit" },
  );

export type FaultRule = z.infer<typeof faultRuleSchema>;

function issueText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "rule"}: ${i.message}`).join("; ");
}

export function parseFaultRule(value: unknown): FaultRule {
  const parsed = faultRuleSchema.safeParse(value);
  if (!parsed.success) throw new Error(issueText(parsed.error));
  return parsed.data;
}

function compactValue(raw: string | undefined): unknown {
  if (raw === undefined || raw === "true") return true;
  if (raw === "false") return false;
  return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

/**
 * Reads fault rules from a flag or OCI_KMS_FAULTS: JSON (one rule or an array), or the compact form
 * `route:name=value,name=value;route:...`, e.g. `keys.enable:status=503,times=1;*:latencyMs=50`.
 */
export function parseFaultSpec(spec: string): FaultRule[] {
  const text = spec.trim();
  if (text === "") return [];
  if (text.startsWith("[") || text.startsWith("{")) {
    const json: unknown = JSON.parse(text);
    return (Array.isArray(json) ? json : [json]).map(parseFaultRule);
  }
  return text
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const colon = part.indexOf(":");
      const rule: Record<string, unknown> = { route: colon < 0 ? part : part.slice(0, colon) };
      const params = colon < 0 ? "" : part.slice(colon + 1);
      for (const param of params.split(",").filter((p) => p.trim() !== "")) {
        const [name, raw] = param.split("=", 2).map((s) => s.trim());
        rule[name as string] = name === "resourceId" ? raw : compactValue(raw);
      }
      try {
        return parseFaultRule(rule);
      } catch (error) {
        throw new Error(`fault "${part}": ${(error as Error).message}`);
      }
    });
}
