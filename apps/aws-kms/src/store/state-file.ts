import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { KEY_SPECS, KEY_STATES, KEY_USAGES } from "./key-spec.ts";
import type { StoreContents } from "./key-store.ts";

const tag = z.object({ TagKey: z.string(), TagValue: z.string() });

const snapshotSchema = z.object({
  format: z.literal(1),
  nextSeq: z.number().int().min(0),
  keys: z.array(
    z.object({
      keyId: z.string(),
      account: z.string(),
      region: z.string(),
      seq: z.number().int(),
      creationDate: z.number(),
      description: z.string(),
      keySpec: z.enum(KEY_SPECS),
      keyUsage: z.enum(KEY_USAGES),
      origin: z.enum(["AWS_KMS", "EXTERNAL"]),
      state: z.enum(KEY_STATES),
      deletionDate: z.number().optional(),
      pendingWindowInDays: z.number().int().optional(),
      policy: z.string(),
      tags: z.array(tag),
      rotation: z.object({
        enabled: z.boolean(),
        periodInDays: z.number().int(),
        nextRotationDate: z.number().optional(),
      }),
    }),
  ),
  aliases: z.array(
    z.object({
      aliasName: z.string(),
      account: z.string(),
      region: z.string(),
      targetKeyId: z.string(),
      creationDate: z.number(),
      lastUpdatedDate: z.number(),
    }),
  ),
});

/** Reads a state file written by saveState; undefined when there is none. Throws on a damaged file. */
export function loadState(path: string): StoreContents | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = snapshotSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`state file ${path} is not valid: ${parsed.error.issues[0]?.message}`);
  const { format: _format, ...contents } = parsed.data;
  return contents;
}

/**
 * Writes every account's keys and aliases (no credentials: those come from the configuration at every
 * start) to a temporary file readable by its owner only, then renames it over the old one, so a crash
 * never leaves half a file.
 */
export function saveState(path: string, contents: StoreContents): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ format: 1, ...contents }), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
