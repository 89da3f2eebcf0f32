import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { CURVE_IDS, KEY_ALGORITHMS, KEY_STATES, PROTECTION_MODES, VAULT_TYPES } from "./records.ts";
import type { StoreContents } from "./store.ts";

const base64 = z.string().transform((v) => Buffer.from(v, "base64"));
const tags = {
  freeformTags: z.record(z.string(), z.string()),
  definedTags: z.record(z.string(), z.record(z.string(), z.unknown())),
};
const transition = z.object({ to: z.enum(KEY_STATES), at: z.number() }).optional();

const snapshotSchema = z.object({
  format: z.literal(1),
  tenancies: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      homeRegion: z.string(),
      users: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          apiKeys: z.array(z.object({ fingerprint: z.string(), publicKeyPem: z.string() })),
        }),
      ),
      compartments: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  vaults: z.array(
    z.object({
      id: z.string(),
      tenancyId: z.string(),
      compartmentId: z.string(),
      displayName: z.string(),
      region: z.string(),
      vaultType: z.enum(VAULT_TYPES),
      timeCreated: z.string(),
      wrappingKey: z.object({
        id: z.string(),
        timeCreated: z.string(),
        privateKeyPem: z.string().optional(),
        publicKeyPem: z.string().optional(),
      }),
      ...tags,
    }),
  ),
  keys: z.array(
    z.object({
      id: z.string(),
      vaultId: z.string(),
      compartmentId: z.string(),
      displayName: z.string(),
      algorithm: z.enum(KEY_ALGORITHMS),
      length: z.number().int(),
      curveId: z.enum(CURVE_IDS).optional(),
      protectionMode: z.enum(PROTECTION_MODES),
      state: z.enum(KEY_STATES),
      transition,
      stateBeforeDeletion: z.enum(KEY_STATES).optional(),
      timeCreated: z.string(),
      timeOfDeletion: z.string().optional(),
      currentKeyVersion: z.string(),
      ...tags,
      versions: z.array(
        z.object({
          id: z.string(),
          keyId: z.string(),
          vaultId: z.string(),
          compartmentId: z.string(),
          state: z.enum(KEY_STATES),
          transition,
          origin: z.enum(["INTERNAL", "EXTERNAL"]),
          timeCreated: z.string(),
          timeOfDeletion: z.string().optional(),
          material: base64,
          publicKeyPem: z.string().optional(),
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
 * Writes the whole state (key material and wrapping private keys included, base64 and PEM: this is
 * a simulator) to a temporary file readable by its owner only, then renames it over the old one, so
 * a crash never leaves half a file.
 */
export function saveState(path: string, contents: StoreContents): void {
  const replacer = (_key: string, value: unknown) => {
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
