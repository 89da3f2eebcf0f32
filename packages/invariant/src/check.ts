import type { Keyring } from "@cckm/crypto";
import type { Queryable } from "@cckm/db";
import type { ConnectionRow } from "@cckm/inventory";
import { readBackup } from "@cckm/jobs";
import { IMPORT_KEY_NAME, type Key, type SapKmsClient } from "@cckm/sap-kms-client";
import { type InventoryKey, readInventory } from "./read-inventory.ts";
import { buildReport, type InvariantReport, type KeyState, type Violation } from "./report.ts";

/** Text of our restore marker (`[cckm-restore-job:…]` and any older form): never in user-visible metadata. */
export const MARKER_TEXT = "cckm-restore";

export interface CheckDeps {
  db: Queryable;
  keyring: Keyring;
  /** The SAP client of a stored connection (SapClients.for). */
  sapClient(connection: ConnectionRow): SapKmsClient;
}

type Listing = Map<string, Key>;

const hasMarker = (...texts: Array<string | null | undefined>) => texts.some((t) => (t ?? "").includes(MARKER_TEXT));

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "UNKNOWN";
}

/** Opens every version of the backup as a restore would (readBackup), then forgets the material. */
async function backupOpens(deps: CheckDeps, key: InventoryKey, backupId: string): Promise<string | null> {
  try {
    const materials = await readBackup(deps.db, deps.keyring, backupId, key);
    for (const m of materials) m.material.fill(0);
    return materials.length === 0 ? "the backup holds no version" : null;
  } catch (error) {
    // JobError and CryptoError messages name versions and counts, never material.
    return `${errorCode(error)}: ${(error as Error).message}`;
  }
}

/** Which of the three states the key is in, or the violation that says why none holds. */
async function classify(deps: CheckDeps, key: InventoryKey, listing: Listing): Promise<KeyState | Violation> {
  const onSap = listing.get(key.sapKeyId);
  const violation = (code: Violation["code"], detail: string): Violation => ({
    code,
    key_id: key.id,
    sap_key_id: key.sapKeyId,
    detail,
  });
  if (!key.gone) {
    if (!onSap) return violation("MISSING_ON_SAP", `not gone, but SAP does not list ${key.sapKeyId}`);
    if (onSap.meta.totalVersions !== key.totalVersions) {
      return violation(
        "VERSION_COUNT_MISMATCH",
        `SAP lists ${onSap.meta.totalVersions} versions, the inventory counts ${key.totalVersions}`,
      );
    }
    return "on_sap";
  }
  if (onSap) return violation("GONE_BUT_ON_SAP", "gone, but SAP still lists the key");
  if (key.backupId !== null) {
    const problem = await backupOpens(deps, key, key.backupId);
    if (problem !== null) return violation("BACKUP_UNPROVABLE", `backup ${key.backupId}: ${problem}`);
    return "gone_restorable";
  }
  const d = key.lastDelete;
  if (d?.deleteIfBackupFails && d.backupStatus === "failed") return "gone_without_backup";
  const last = key.lastJob
    ? `last job ${key.lastJob.id} (${key.lastJob.operation} ${key.lastJob.state}${key.lastJob.errorCode ? ` ${key.lastJob.errorCode}` : ""})`
    : "no job of ours";
  return violation("GONE_UNRESTORABLE", `gone with no backup; ${last}`);
}

async function listSap(deps: CheckDeps, connections: ConnectionRow[], groups: Map<string, Set<string>>) {
  const byConnection = new Map<string, Listing>();
  for (const connection of connections) {
    const known = groups.get(connection.id) ?? new Set<string>();
    const keys = await deps.sapClient(connection).listAllKeys({ pageSize: 1000 });
    byConnection.set(connection.id, new Map(keys.filter((k) => known.has(k.groupId)).map((k) => [k.id, k])));
  }
  return byConnection;
}

/**
 * Checks every key of the inventory against SAP's own list (every key of every connection, in the
 * groups the inventory knows) and Postgres, side by side. Read-only: it changes nothing anywhere.
 */
export async function checkInvariant(deps: CheckDeps): Promise<InvariantReport> {
  const inventory = await readInventory(deps.db);
  const listings = await listSap(deps, inventory.connections, inventory.groups);
  const violations: Violation[] = [];
  const states: KeyState[] = [];
  const busy = new Set(inventory.activeJobs.map((j) => j.keyId));
  for (const job of inventory.activeJobs) {
    violations.push({
      code: "JOB_ACTIVE",
      key_id: job.keyId,
      sap_key_id: job.sapKeyId,
      detail: `${job.operation} job ${job.id} is ${job.state}; the key is not checked`,
    });
  }
  const naming = new Map<string, InventoryKey[]>();
  for (const key of inventory.keys) naming.set(key.sapKeyId, [...(naming.get(key.sapKeyId) ?? []), key]);
  for (const key of inventory.keys) {
    const others = (naming.get(key.sapKeyId) ?? []).filter((k) => k.id !== key.id);
    if (others.length > 0) {
      violations.push({
        code: "DUPLICATE",
        key_id: key.id,
        sap_key_id: key.sapKeyId,
        detail: `also named by ${others.map((k) => k.id).join(", ")}`,
      });
    }
    if (hasMarker(key.name, key.description)) {
      violations.push({
        code: "MARKER_IN_METADATA",
        key_id: key.id,
        sap_key_id: key.sapKeyId,
        detail: "the inventory's name or description carries a restore marker",
      });
    }
    if (busy.has(key.id)) continue;
    const outcome = await classify(deps, key, listings.get(key.connectionId) ?? new Map());
    if (typeof outcome === "string") states.push(outcome);
    else violations.push(outcome);
  }
  const sapKeys = new Map<string, { key: Key; connectionId: string }>();
  for (const [connectionId, listing] of listings)
    for (const key of listing.values()) if (!sapKeys.has(key.id)) sapKeys.set(key.id, { key, connectionId });
  const goneByName = new Map(
    inventory.keys.filter((k) => k.gone).map((k) => [`${k.connectionId}\u0000${k.sapGroupId}\u0000${k.name}`, k]),
  );
  for (const { key, connectionId } of sapKeys.values()) {
    if (key.name === IMPORT_KEY_NAME) continue;
    if (hasMarker(key.name, key.description)) {
      violations.push({
        code: "MARKER_IN_METADATA",
        key_id: naming.get(key.id)?.[0]?.id ?? null,
        sap_key_id: key.id,
        detail: "SAP's name or description of the key carries a restore marker",
      });
    }
    if (naming.has(key.id)) continue;
    const owner = goneByName.get(`${connectionId}\u0000${key.groupId}\u0000${key.name}`);
    if (owner && busy.has(owner.id)) continue; // its restore job is running: the key is the job's
    violations.push(
      owner
        ? {
            code: "HALF_RESTORED",
            key_id: owner.id,
            sap_key_id: key.id,
            detail: `named as gone key ${owner.id} in its group, with ${key.meta.totalVersions} versions; the next restore of that key adopts it`,
          }
        : {
            code: "UNKNOWN_ON_SAP",
            key_id: null,
            sap_key_id: key.id,
            detail: `in group ${key.groupId}, named by no inventory key`,
          },
    );
  }
  return buildReport(inventory.keys.length, sapKeys.size, states, violations);
}
