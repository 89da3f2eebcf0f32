import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { CURVE_NAMES, KEY_TYPES, OPERATIONS } from "./key-spec.ts";
import type { StoreContents } from "./tenant-store.ts";

const base64 = z.string().transform((v) => Buffer.from(v, "base64"));

const snapshotSchema = z.object({
  format: z.literal(1),
  tenant: z.object({
    id: z.string(),
    name: z.string(),
    users: z.array(z.object({ id: z.string(), name: z.string(), apiKey: z.string(), secret: z.string().default("") })),
  }),
  keystores: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      provider: z.enum(["AWS", "AZURE", "GCP", "SAP"]),
      region: z.string(),
      type: z.enum(["SAP_PROVIDED", "CUSTOMER_PROVIDED"]),
    }),
  ),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      keystoreId: z.string(),
      created: z.string(),
      creatorId: z.string(),
    }),
  ),
  keys: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      groupId: z.string(),
      type: z.enum(KEY_TYPES),
      size: z.number().int(),
      curve: z.enum(CURVE_NAMES as [string, ...string[]]).optional(),
      operations: z.array(z.enum(OPERATIONS)),
      exportable: z.boolean(),
      enabled: z.boolean(),
      role: z.string(),
      created: z.string(),
      updated: z.string(),
      creatorId: z.string(),
      versions: z.array(
        z.object({
          version: z.number().int(),
          material: base64,
          format: z.enum(["RAW", "PKCS8"]),
          publicKey: base64.optional(),
          imported: z.boolean(),
          created: z.string(),
          creatorId: z.string(),
        }),
      ),
    }),
  ),
});

/** Reads a state file written by saveState; undefined when there is none. Throws on a damaged file. */
export function loadState(path: string): StoreContents | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = snapshotSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`state file ${path} is not valid: ${parsed.error.issues[0]?.message}`);
  return parsed.data as StoreContents;
}

/**
 * Writes the whole state (key material included, base64: this is a simulator; technical users'
 * secrets left out) to a temporary file
 * readable by its owner only, then renames it over the old one, so a crash never leaves half a file.
 */
export function saveState(path: string, contents: StoreContents): void {
  const replacer = (key: string, value: unknown) => {
    if (key === "secret") return undefined; // credentials come from the configuration at every start
    if (value && typeof value === "object" && (value as { type?: unknown }).type === "Buffer") {
      return Buffer.from((value as { data: number[] }).data).toString("base64");
    }
    return value;
  };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ format: 1, ...contents }, replacer), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
