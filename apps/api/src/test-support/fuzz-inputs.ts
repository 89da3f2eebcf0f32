/** Deterministic generators of hostile input for the fuzz test (mulberry32, seeded). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;

export const HOSTILE_STRINGS = [
  "",
  " ",
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '"; DELETE FROM sap_key_jobs; --',
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  "${7*7}{{7*7}}",
  "../../../../etc/passwd",
  "%00%0d%0a",
  "\u0000\u0001\u0002",
  "\ud800",
  "\u202e\u202dtxt.exe",
  "Z̷̢̛͓̲̟a̶̧͕̘l̸̨g̵̡o",
  "🔑🗝️💥".repeat(50),
  "x".repeat(70_000),
  "a".repeat(129),
  "null",
  "undefined",
  "NaN",
  "__proto__",
  "constructor",
];

export const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  Number.POSITIVE_INFINITY,
  -0,
  3.14,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  {},
  [1, 2, 3],
  { $gt: "" },
  { __proto__: { admin: true } },
  ...HOSTILE_STRINGS,
];

export const BAD_IDS = [
  "not-a-uuid",
  "00000000-0000-0000-0000-00000000000g",
  "' OR 1=1 --",
  "%27%20OR%201%3D1",
  "..%2f..%2fetc%2fpasswd",
  "12345678123456781234567812345678",
  "{00000000-0000-4000-8000-000000000000}",
  "x".repeat(2000),
  "%E2%80%AE",
  "%00",
  // Not percent-encoding at all: the router cannot decode them.
  "%ZZ",
  "%",
  "%E0%A4%A",
  "abc%2",
];

/** Content-Encodings a body does not match (plain JSON sent as gzip, deflate, br) or we do not read. */
export const BAD_CONTENT_ENCODINGS = ["gzip", "deflate", "br", "x-unknown", "compress", "gzip, br", "zstd"];

export function deeplyNested(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

/** A valid body with one or more of its fields broken, so the request must be refused. */
export function mutate(r: () => number, valid: Record<string, unknown>): unknown {
  const body: Record<string, unknown> = { ...valid };
  const keys = Object.keys(body);
  const how = Math.floor(r() * 4);
  const key = pick(r, keys);
  if (how === 0) delete body[key];
  else if (how === 1) body[key] = pick(r, HOSTILE_VALUES);
  else if (how === 2) {
    // defineProperty, so that "__proto__" becomes an own key that JSON carries, not the prototype.
    const extra = pick(r, ["extra", "__proto__", "constructor", "isAdmin", "groups[]"]);
    Object.defineProperty(body, extra, { value: pick(r, HOSTILE_VALUES), enumerable: true });
  } else return pick(r, [null, [], "string", 42, [body], { body }]);
  return body;
}
