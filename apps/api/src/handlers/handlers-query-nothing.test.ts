import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// Handlers parse, authorize, call a package and shape the answer: the packages own the reads and
// writes (docs/decisions.md, issue 14). This reads every handler file and refuses database access.

const HERE = import.meta.dirname;

/** What a handler file must not contain: a Prisma or pool call, raw SQL, Prisma's error codes. */
const FORBIDDEN: Array<[string, RegExp]> = [
  ["a Prisma call through deps.db", /\bdeps\.db\./],
  ["a query through deps.pool", /\bdeps\.pool\./],
  ["raw SQL through Prisma", /\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)\b/],
  ["a transaction", /\$transaction\b/],
  ["Prisma's namespace (its errors, its SQL builder)", /\bPrisma\./],
  ["a value imported from @cckm/db", /^import\s+(?!type\b)[^;]*from\s+"@cckm\/db"/m],
  ["a Prisma error code", /\bP20\d\d\b/],
  ["SQL text", /\b(SELECT\s+[\w*]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/],
];

/** Handlers allowed an exception: none (the enqueuing ones now go through the job engine and the inventory). */
const NOT_YET: Record<string, string[]> = {};

function handlerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return handlerFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

function violations(source: string): string[] {
  return FORBIDDEN.filter(([, pattern]) => pattern.test(source)).map(([what]) => what);
}

describe("handlers hold no database access", () => {
  const files = handlerFiles(HERE).map((path) => relative(HERE, path));

  it("finds the handler files", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files)("%s", (file) => {
    const found = violations(readFileSync(join(HERE, file), "utf8"));
    expect(found).toEqual(NOT_YET[file] ?? []);
  });

  it("recognises what it refuses", () => {
    expect(violations("await deps.db.sapKey.findMany({})")).toEqual(["a Prisma call through deps.db"]);
    expect(violations('import { Prisma } from "@cckm/db";')).toEqual(["a value imported from @cckm/db"]);
    expect(violations('import type { AuditRecord } from "@cckm/db";')).toEqual([]);
    expect(violations("await db.$queryRaw`SELECT 1 FROM sap_keys`")).toEqual(["raw SQL through Prisma", "SQL text"]);
    expect(violations('if (error.code === "P2002")')).toEqual(["a Prisma error code"]);
    expect(violations("await listKeys(deps.db, filter, page)")).toEqual([]);
  });
});
