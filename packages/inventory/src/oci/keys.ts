import type { Db, Prisma } from "@cckm/db";
import type { OciKey, OciKeyVersionSummary } from "@cckm/oci-kms-client";
import { type KeyTable, markVanished } from "../provider/vanished.ts";

export const OCI_KEY_VIEW = {
  id: true,
  vaultId: true,
  keyOcid: true,
  compartmentId: true,
  displayName: true,
  lifecycleState: true,
  algorithm: true,
  length: true,
  curveId: true,
  protectionMode: true,
  currentKeyVersion: true,
  isPrimary: true,
  freeformTags: true,
  definedTags: true,
  timeCreated: true,
  timeOfDeletion: true,
  keyMaterialOrigin: true,
  gone: true,
  refreshedAt: true,
  createdAt: true,
  updatedAt: true,
  vault: {
    select: {
      id: true,
      vaultOcid: true,
      displayName: true,
      region: true,
      managementEndpoint: true,
      connectionId: true,
      connection: { select: { id: true, name: true, tenancyOcid: true } },
    },
  },
} as const satisfies Prisma.OciKeySelect;

export type OciKeyView = Prisma.OciKeyGetPayload<{ select: typeof OCI_KEY_VIEW }>;

/** The inventory's columns of a key as OCI answered it (read now: `refreshed_at`). */
export function ociKeyFields(key: OciKey) {
  return {
    compartmentId: key.compartmentId,
    displayName: key.displayName,
    lifecycleState: key.lifecycleState,
    algorithm: key.keyShape.algorithm,
    length: key.keyShape.length,
    curveId: key.keyShape.curveId ?? null,
    protectionMode: key.protectionMode ?? null,
    currentKeyVersion: key.currentKeyVersion,
    isPrimary: key.isPrimary ?? true,
    freeformTags: key.freeformTags,
    definedTags: key.definedTags as Prisma.InputJsonValue,
    timeCreated: new Date(key.timeCreated),
    timeOfDeletion: key.timeOfDeletion ? new Date(key.timeOfDeletion) : null,
    gone: key.lifecycleState === "DELETED",
    refreshedAt: new Date(),
  };
}

/** Brings a key in (by OCID: a second sync updates the same row, keeping its CM id). */
export async function upsertOciKey(db: Db, vaultId: string, key: OciKey): Promise<string> {
  const fields = ociKeyFields(key);
  const row = await db.ociKey.upsert({
    where: { keyOcid: key.id },
    create: { vaultId, keyOcid: key.id, ...fields },
    update: { vaultId, ...fields },
    select: { id: true },
  });
  return row.id;
}

/**
 * Records what OCI answered to an action on a key, in one guarded statement (the row must still name
 * that OCID). Returns the key as stored, or null when it went away meanwhile.
 */
export async function recordOciKey(db: Db, id: string, key: OciKey): Promise<OciKeyView | null> {
  const { count } = await db.ociKey.updateMany({ where: { id, keyOcid: key.id }, data: ociKeyFields(key) });
  if (count === 0) return null;
  return db.ociKey.findUnique({ where: { id }, select: OCI_KEY_VIEW });
}

/** OCI's key and version tables as the shared gone marking sees them: by OCID, stamped `refreshed_at`. */
export const OCI_KEY_TABLE: KeyTable = { table: "oci_keys", upstreamId: "key_ocid", stamp: "refreshed_at" };
export const OCI_VERSION_TABLE: KeyTable = {
  table: "oci_key_versions",
  upstreamId: "version_ocid",
  stamp: "refreshed_at",
};

/** Brings a key's versions in (by OCID) and marks those OCI no longer lists gone. */
export async function syncOciKeyVersions(
  db: Db,
  keyId: string,
  currentVersion: string | null,
  versions: readonly OciKeyVersionSummary[],
): Promise<void> {
  const now = new Date();
  for (const v of versions) {
    const fields = {
      compartmentId: v.compartmentId,
      vaultOcid: v.vaultId,
      lifecycleState: v.lifecycleState ?? null,
      origin: v.origin ?? null,
      isPrimary: v.id === currentVersion,
      timeCreated: new Date(v.timeCreated),
      timeOfDeletion: v.timeOfDeletion ? new Date(v.timeOfDeletion) : null,
      keyMaterialOrigin: v.origin === "EXTERNAL" ? "cckm" : "native",
      gone: v.lifecycleState === "DELETED",
      refreshedAt: now,
    };
    await db.ociKeyVersion.upsert({
      where: { versionOcid: v.id },
      create: { keyId, versionOcid: v.id, ...fields },
      update: { keyId, ...fields },
    });
  }
  const scope = { key_id: { type: "uuid", is: keyId } } as const;
  await markVanished(
    db,
    OCI_VERSION_TABLE,
    scope,
    versions.map((v) => v.id),
  );
}

/** Marks the keys of a vault (in the compartments listed) that OCI no longer lists gone (a sync's last step). */
export async function markVanishedOciKeys(
  db: Db,
  vaultId: string,
  compartments: readonly string[],
  seen: readonly string[],
): Promise<number> {
  const scope = {
    vault_id: { type: "uuid", is: vaultId },
    compartment_id: { type: "text", is: compartments },
  } as const;
  return markVanished(db, OCI_KEY_TABLE, scope, seen);
}

/** Records a key OCI just created in a vault of the inventory; answers it as stored. */
export async function recordNewOciKey(db: Db, vaultId: string, key: OciKey): Promise<OciKeyView> {
  const id = await upsertOciKey(db, vaultId, key);
  return db.ociKey.findUniqueOrThrow({ where: { id }, select: OCI_KEY_VIEW });
}
