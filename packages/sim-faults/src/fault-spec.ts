import type { z } from "zod";
import type { FaultRuleFormat } from "./fault-format.ts";
import { parseFaultRule } from "./fault-rule.ts";

/** Fields the compact form keeps as text even when they look like numbers. */
const textFields = (format: FaultRuleFormat) => new Set([format.targetField, "errorType"]);

function compactValue(raw: string | undefined): unknown {
  if (raw === undefined || raw === "true") return true;
  if (raw === "false") return false;
  return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

/**
 * Reads fault rules from a flag or an environment variable: JSON (one rule or an array), or the
 * compact form `route:name=value,name=value;route:...` (a bare name means `true`), e.g.
 * `keys.delete:status=503,times=1;*:latencyMs=50`, the route under `format.routeField`.
 */
export function parseFaultSpec<R>(format: FaultRuleFormat, schema: z.ZodType<R>, spec: string): R[] {
  const text = spec.trim();
  if (text === "") return [];
  if (text.startsWith("[") || text.startsWith("{")) {
    const json: unknown = JSON.parse(text);
    return (Array.isArray(json) ? json : [json]).map((rule) => parseFaultRule(schema, rule));
  }
  const asText = textFields(format);
  return text
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const colon = part.indexOf(":");
      const rule: Record<string, unknown> = { [format.routeField]: colon < 0 ? part : part.slice(0, colon) };
      const params = colon < 0 ? "" : part.slice(colon + 1);
      for (const param of params.split(",").filter((p) => p.trim() !== "")) {
        const [name = "", raw] = param.split("=", 2).map((s) => s.trim());
        rule[name] = asText.has(name) ? raw : compactValue(raw);
      }
      try {
        return parseFaultRule(schema, rule);
      } catch (error) {
        throw new Error(`fault "${part}": ${(error as Error).message}`);
      }
    });
}
