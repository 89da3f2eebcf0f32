import { KmsError } from "../http/errors.ts";

/**
 * The part of OData's `$filter` that SAP's list routes need: comparisons `field eq value` and
 * `field ne value` joined by `and`. Values are 'strings' ('' escapes a quote), numbers, true,
 * false, null, or GUIDs written without quotes as OData v4 allows.
 */
export type FilterValue = string | number | boolean | null;
export interface Comparison {
  field: string;
  op: "eq" | "ne";
  value: FilterValue;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(message: string): KmsError {
  return new KmsError("INVALID_FILTER", `invalid $filter: ${message}`);
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= text.length) throw invalid("unterminated string");
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push(`'${value}`); // a leading quote marks a string token
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s']/.test(text[j] as string)) j++;
      tokens.push(text.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function literal(token: string | undefined): FilterValue {
  if (token === undefined) throw invalid("a value is missing");
  if (token.startsWith("'")) return token.slice(1);
  if (token === "true") return true;
  if (token === "false") return false;
  if (token === "null") return null;
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
  if (GUID.test(token)) return token.toLowerCase();
  throw invalid(`"${token}" is not a value (quote strings: name eq 'x')`);
}

export function parseFilter(text: string, fields: readonly string[]): Comparison[] {
  if (text.length > 2000) throw invalid("too long");
  const tokens = tokenize(text);
  if (tokens.length === 0) throw invalid("empty");
  const comparisons: Comparison[] = [];
  for (let i = 0; ; i += 4) {
    const [field, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (field === undefined || field.startsWith("'")) throw invalid("expected a field name");
    if (!fields.includes(field)) throw invalid(`unknown field "${field}" (known: ${fields.join(", ")})`);
    if (op !== "eq" && op !== "ne") throw invalid(`expected eq or ne after ${field}, got "${op ?? ""}"`);
    comparisons.push({ field, op, value: literal(value) });
    const next = tokens[i + 3];
    if (next === undefined) return comparisons;
    if (next !== "and") throw invalid(`expected "and", got "${next}"`);
    if (tokens[i + 4] === undefined) throw invalid('nothing after "and"');
  }
}

/** Whether a resource's fields satisfy every comparison (strings compare exactly; GUIDs case-blind). */
export function matchesFilter(fields: Record<string, FilterValue | undefined>, comparisons: Comparison[]): boolean {
  return comparisons.every(({ field, op, value }) => {
    let actual = fields[field] ?? null;
    let wanted = value;
    if (typeof actual === "string" && typeof wanted === "string" && GUID.test(wanted)) {
      actual = actual.toLowerCase();
      wanted = wanted.toLowerCase();
    }
    return op === "eq" ? actual === wanted : actual !== wanted;
  });
}
