import { z } from "zod";
import { OPERATION_NAMES } from "../operations/operation-names.ts";

/**
 * One fault rule. It applies to requests for `operation` (a KMS operation name or `*`), optionally
 * only those whose `KeyId` names key `keyId`, at most `times` times. Effects, checked in this order:
 * - `rateLimit`: more than this many requests within `windowMs` answer ThrottlingException (400);
 * - `throttleRate`: this share of requests answers ThrottlingException (400), as KMS throttles;
 * - `latencyMs`: the answer comes this much later;
 * - `hangRate`: this share of requests is never answered (the client times out);
 * - `errorRate` (1 when only `status` is given): this share answers `status` (default 500) with
 *   `errorType` (default KMSInternalException for 5xx, ThrottlingException for 429, else InjectedFault).
 * With `after`, hangs and errors happen after the operation did its work (the change is made, the answer lost).
 */
export const faultRuleSchema = z
  .object({
    operation: z.enum([...OPERATION_NAMES, "*"]),
    keyId: z.string().min(1).max(2048).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    status: z.number().int().min(400).max(599).optional(),
    errorType: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]*$/)
      .max(100)
      .optional(),
    throttleRate: z.number().min(0).max(1).optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    hangRate: z.number().min(0).max(1).optional(),
    rateLimit: z.number().int().min(0).max(1_000_000).optional(),
    windowMs: z.number().int().min(1).max(3_600_000).optional(),
    after: z.boolean().optional(),
    times: z.number().int().min(1).optional(),
    seed: z.number().int().min(0).max(4_294_967_295).optional(),
  })
  .strict()
  .refine(
    (r) =>
      r.errorRate !== undefined ||
      r.status !== undefined ||
      r.throttleRate !== undefined ||
      r.latencyMs !== undefined ||
      r.hangRate !== undefined ||
      r.rateLimit !== undefined,
    { message: "a fault rule needs at least one of errorRate, status, throttleRate, latencyMs, hangRate, rateLimit" },
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

const TEXT_FIELDS = new Set(["keyId", "errorType"]);

/**
 * Reads fault rules from a flag or AWS_KMS_FAULTS: JSON (one rule or an array), or the compact form
 * `operation:name=value,name=value;operation:...`, e.g. `ScheduleKeyDeletion:status=503,times=1;*:latencyMs=50`.
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
      const rule: Record<string, unknown> = { operation: colon < 0 ? part : part.slice(0, colon) };
      const params = colon < 0 ? "" : part.slice(colon + 1);
      for (const param of params.split(",").filter((p) => p.trim() !== "")) {
        const [name = "", raw] = param.split("=", 2).map((s) => s.trim());
        rule[name] = TEXT_FIELDS.has(name) ? raw : compactValue(raw);
      }
      try {
        return parseFaultRule(rule);
      } catch (error) {
        throw new Error(`fault "${part}": ${(error as Error).message}`);
      }
    });
}
