import type { z } from "zod";
import { AwsError } from "./aws-error.ts";

/** The request body as a JSON object: an empty body is `{}`; anything else not an object is a SerializationException. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  const text = raw.toString("utf8").trim();
  if (text === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AwsError("SerializationException", "the request body is not valid JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new AwsError("SerializationException", "Start of structure or map found where not expected.");
  }
  return value as Record<string, unknown>;
}

/** AWS names members in camelCase in its validation messages (`'pendingWindowInDays'`). */
const memberName = (path: PropertyKey[]) =>
  path.map((p, i) => (i === 0 && typeof p === "string" ? p.charAt(0).toLowerCase() + p.slice(1) : String(p))).join(".");

/** A zod issue in AWS's words ("Member must have value greater than or equal to 7"). */
function constraint(issue: z.core.$ZodIssue): string {
  if (issue.input === undefined) return "Member must not be null";
  const what = typeof issue.input === "number" ? "value" : "length";
  if (issue.code === "too_small") return `Member must have ${what} greater than or equal to ${issue.minimum}`;
  if (issue.code === "too_big") return `Member must have ${what} less than or equal to ${issue.maximum}`;
  if (issue.code === "invalid_value") return `Member must satisfy enum value set: [${issue.values.join(", ")}]`;
  if (issue.code === "invalid_format" && issue.format === "regex") {
    return `Member must satisfy regular expression pattern: ${issue.pattern ?? ""}`;
  }
  return issue.message;
}

/**
 * Checks an operation's input, as AWS does: a value of the wrong JSON type is a SerializationException,
 * a missing member or one outside its constraints a ValidationException listing every problem.
 */
export function parseInput<S extends z.ZodType>(schema: S, body: Record<string, unknown>): z.infer<S> {
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  const { issues } = parsed.error;
  const wrongType = issues.find((i) => i.code === "invalid_type" && i.input !== undefined);
  if (wrongType !== undefined) {
    throw new AwsError("SerializationException", `${memberName(wrongType.path)}: ${wrongType.message}`);
  }
  const problems = issues.map((i) => {
    const value = i.input === undefined ? "null" : `'${String(i.input).slice(0, 100)}'`;
    return `Value ${value} at '${memberName(i.path)}' failed to satisfy constraint: ${constraint(i)}`;
  });
  const count = `${problems.length} validation error${problems.length === 1 ? "" : "s"} detected: `;
  throw new AwsError("ValidationException", count + problems.join("; "));
}
