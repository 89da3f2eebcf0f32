import { z } from "zod";
import { ACTIVE_EFFECTS, FAULT_EFFECTS } from "./fault-effects.ts";
import type { FaultRuleFormat, FaultRuleOf } from "./fault-format.ts";

/** The zod schema of one fault rule in `format`: its route, its target, its effects; nothing else. */
export function faultRuleSchema<F extends FaultRuleFormat>(format: F): z.ZodType<FaultRuleOf<F>> {
  const shape: Record<string, z.ZodType> = {
    [format.routeField]: z.enum([...format.routes, "*"]),
    [format.targetField]: z.string().min(1).max(format.targetMaxLength).optional(),
  };
  for (const effect of format.effects) shape[effect] = FAULT_EFFECTS[effect];
  const active = format.effects.filter((effect) => ACTIVE_EFFECTS.has(effect));
  const schema = z
    .object(shape)
    .strict()
    .refine((rule) => active.some((effect) => rule[effect] !== undefined), {
      message: `a fault rule needs at least one of ${active.join(", ")}`,
    });
  return schema as unknown as z.ZodType<FaultRuleOf<F>>;
}

function issueText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "rule"}: ${i.message}`).join("; ");
}

/** One rule checked against `schema`; an Error naming each problem otherwise. */
export function parseFaultRule<R>(schema: z.ZodType<R>, value: unknown): R {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(issueText(parsed.error));
  return parsed.data;
}
