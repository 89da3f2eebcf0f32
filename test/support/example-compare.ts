/**
 * Field-by-field comparison of an answer of ours against one of CipherTrust's documented example
 * responses (test/cckm-compat/documented-examples.ts). Pure: no I/O, no server.
 *
 * Rules, for every field path of the example (`a.b`, array elements as `a[0].b`):
 * - the answer has the path, with the same JSON type (string, number, boolean, object, array, null);
 * - a documented `null` means "present, of any type" (the docs show no type for it);
 * - objects are compared key by key, recursively; arrays by their first element, when both have one;
 * - `exact` paths must hold the documented value itself (constants: `account`, `cloud_name`, …);
 * - `patterns` paths must be strings matching the pattern (a `uri` with its ids replaced);
 * - `fromSap` paths hold what SAP reports, as SAP reports it: absent or `null` is accepted there,
 *   any other value must have the documented type (and is compared below as usual);
 * - `truncated` paths are values the stored page cuts mid-value: only their type is compared, and
 *   they may not be marked `exact` or given a pattern;
 * - `skip` paths (the deliberate deviations) are not compared, nor anything under them.
 * Fields the answer has beyond the example are ours and fine. A mark naming a path the example does
 * not have is reported too, so that a typo cannot silently switch a check off.
 */

export type JsonType = "string" | "number" | "boolean" | "object" | "array" | "null";

/** What an example says about its fields beyond their types. */
export interface ExampleMarks {
  /** Paths whose answer must equal the documented value. */
  exact?: readonly string[];
  /** Paths whose answer must be a string matching the pattern. */
  patterns?: Readonly<Record<string, RegExp>>;
  /** Paths whose value comes from SAP: absent or `null` accepted; otherwise the documented type. */
  fromSap?: readonly string[];
  /** Paths whose documented value is cut mid-value in the stored page: type only. */
  truncated?: readonly string[];
  /** Paths not compared at all, with everything under them. */
  skip?: readonly string[];
}

/** A documented field we deliberately do not follow; the comparison skips its path. */
export interface Deviation {
  path: string;
  documented: unknown;
  ours: string;
  reason: string;
}

/** One documented example response, as the docs print it, with what to check in it. */
export interface DocumentedExample {
  /** Source id, as in docs/cckm-compatibility.md §6. */
  source: string;
  url: string;
  /** The route whose answer it documents. */
  route: string;
  /** Where the stored page stops inside the example (`null`: the example is complete). */
  cut: string | null;
  /** Doc defects and observations that need no mark. */
  notes: readonly string[];
  body: Record<string, unknown>;
  exact: readonly string[];
  patterns: Readonly<Record<string, RegExp>>;
  fromSap: readonly string[];
  truncated: readonly string[];
  deviations: readonly Deviation[];
}

export function jsonTypeOf(value: unknown): JsonType | "absent" | "not JSON" {
  if (value === undefined) return "absent";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
    case "object":
      return typeof value as JsonType;
    default:
      return "not JSON";
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => jsonTypeOf(value) === "object";

function sameJson(a: unknown, b: unknown): boolean {
  const type = jsonTypeOf(a);
  if (type !== jsonTypeOf(b)) return false;
  if (type === "array") {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((v, i) => sameJson(v, y[i]));
  }
  if (type === "object") {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const keys = Object.keys(x);
    return keys.length === Object.keys(y).length && keys.every((k) => k in y && sameJson(x[k], y[k]));
  }
  return a === b;
}

const show = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value));
/** `string "x"`, `object {…}`, or just `null`. */
const described = (value: unknown) => {
  const type = jsonTypeOf(value);
  return type === "null" ? "null" : `${type} ${show(value)}`;
};
const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

/** Every field path of a value, as the comparison names them. */
export function pathsOf(value: unknown, path = "", into: string[] = []): string[] {
  if (path !== "") into.push(path);
  if (isRecord(value)) for (const [k, v] of Object.entries(value)) pathsOf(v, join(path, k), into);
  else if (Array.isArray(value) && value.length > 0) pathsOf(value[0], `${path}[0]`, into);
  return into;
}

function markProblems(example: unknown, marks: ExampleMarks): string[] {
  const known = new Set(pathsOf(example));
  const problems: string[] = [];
  const named: Array<[string, readonly string[]]> = [
    ["exact", marks.exact ?? []],
    ["patterns", Object.keys(marks.patterns ?? {})],
    ["fromSap", marks.fromSap ?? []],
    ["truncated", marks.truncated ?? []],
    ["skip", marks.skip ?? []],
  ];
  for (const [kind, paths] of named) {
    for (const p of paths)
      if (!known.has(p)) problems.push(`marks: ${kind} names ${p}, which the example does not have`);
  }
  for (const p of marks.truncated ?? []) {
    if (marks.exact?.includes(p)) problems.push(`marks: ${p} is truncated in the docs and cannot be exact`);
    if (marks.patterns?.[p]) problems.push(`marks: ${p} is truncated in the docs and cannot have a pattern`);
  }
  return problems;
}

/**
 * The mismatches between an answer and a documented example, one readable line each; empty when
 * the answer has every documented field as documented (see the rules at the top of this file).
 */
export function compareToExample(example: unknown, answer: unknown, options: ExampleMarks = {}): string[] {
  const exact = new Set(options.exact ?? []);
  const patterns = options.patterns ?? {};
  const fromSap = new Set(options.fromSap ?? []);
  const skip = new Set(options.skip ?? []);
  const mismatches = markProblems(example, options);

  const walk = (documented: unknown, answered: unknown, path: string) => {
    if (skip.has(path)) return;
    const where = path === "" ? "(the answer)" : path;
    const docType = jsonTypeOf(documented);
    const ansType = jsonTypeOf(answered);
    if (fromSap.has(path) && (ansType === "absent" || ansType === "null")) return;
    if (ansType === "absent") {
      mismatches.push(`${where}: missing (documented ${described(documented)})`);
      return;
    }
    if (docType === "null") return;
    if (docType !== ansType) {
      mismatches.push(`${where}: documented ${described(documented)}, answered ${described(answered)}`);
      return;
    }
    if (exact.has(path) && !sameJson(documented, answered)) {
      mismatches.push(`${where}: documented ${show(documented)}, answered ${show(answered)} (must be equal)`);
    }
    const pattern = patterns[path];
    if (pattern && !(typeof answered === "string" && pattern.test(answered))) {
      mismatches.push(`${where}: answered ${show(answered)}, which does not match ${pattern}`);
    }
    if (docType === "object") {
      const doc = documented as Record<string, unknown>;
      const ans = answered as Record<string, unknown>;
      for (const key of Object.keys(doc))
        walk(doc[key], Object.hasOwn(ans, key) ? ans[key] : undefined, join(path, key));
    } else if (docType === "array") {
      const doc = documented as unknown[];
      const ans = answered as unknown[];
      if (doc.length > 0 && ans.length > 0) walk(doc[0], ans[0], `${path}[0]`);
    }
  };

  walk(example, answer, "");
  return mismatches;
}

/** `compareToExample` with a fixture's own marks; its deviations are the skipped paths. */
export function compareToDocumented(doc: DocumentedExample, answer: unknown): string[] {
  return compareToExample(doc.body, answer, {
    exact: doc.exact,
    patterns: doc.patterns,
    fromSap: doc.fromSap,
    truncated: doc.truncated,
    skip: doc.deviations.map((d) => d.path),
  });
}
