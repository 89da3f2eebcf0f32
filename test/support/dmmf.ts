import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { repoRoot } from "@cckm/testkit";

const require = createRequire(import.meta.url);
const wasm = require("@prisma/prisma-schema-wasm") as { get_dmmf(params: string): string };

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: { name?: string } | string | number | boolean | unknown[];
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
export interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string;
  fields: Array<{ name: string; sortOrder?: "asc" | "desc" }>;
}
export interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: Array<{ name: string; dbName: string | null; values: Array<{ name: string; dbName: string | null }> }>;
    indexes: DmmfIndex[];
  };
}

export async function readSchema(): Promise<string> {
  return readFile(join(repoRoot, "prisma", "schema.prisma"), "utf8");
}

/** Prisma's own DMMF of schema.prisma, computed by the same wasm module the CLI uses. */
export async function loadDmmf(schema?: string): Promise<Dmmf> {
  const text = schema ?? (await readSchema());
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", text]] }))) as Dmmf;
}

/** `map: "<name>", where: raw("<predicate>")` pairs of the schema's partial indexes. */
export function partialIndexPredicates(schema: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const m of schema.matchAll(/map:\s*"([^"]+)"\s*,\s*where:\s*raw\("((?:[^"\\]|\\.)*)"\)/g)) {
    result.set(m[1] as string, m[2] as string);
  }
  return result;
}
