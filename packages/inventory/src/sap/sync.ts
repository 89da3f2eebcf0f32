import type { Db } from "@cckm/db";
import { type Group, IMPORT_KEY_NAME, type Key, type SapKmsClient, SapKmsError } from "@cckm/sap-kms-client";
import { withoutRestoreMarkers } from "./restore-marker.ts";
import type { GroupSyncDetail, KeyGuards, SyncDetails, SyncOutcome, SyncTarget } from "./sync-state.ts";

/** The inventory's fields of a SAP key (everything but its ids and `gone`). */
export function keyFields(key: Key) {
  return {
    name: key.name,
    description: withoutRestoreMarkers(key.description),
    type: key.type,
    size: key.size ?? null,
    curve: key.curve ?? null,
    operations: key.operations,
    enabled: key.enabled,
    exportable: key.exportable,
    sapState: key.state ?? null,
    primaryVersion: key.meta.primaryVersion,
    totalVersions: key.meta.totalVersions,
    sapMeta: key.meta as object,
    keystoreContext: (key.keystoreContext ?? undefined) as object | undefined,
    role: key.role ?? null,
    lastSyncedAt: new Date(),
  };
}

/** Records a SAP group in the inventory (by its SAP id; a second call refreshes it), without its keys. */
export function upsertGroup(db: Db, connectionId: string, group: Group) {
  return db.sapGroup.upsert({
    where: { connectionId_sapGroupId: { connectionId, sapGroupId: group.id } },
    create: {
      connectionId,
      sapGroupId: group.id,
      name: group.name,
      description: group.description ?? null,
      region: group.keystore?.region ?? null,
      groupType: group.keystore?.type ?? null,
      sapMeta: group as object,
    },
    update: { name: group.name, description: group.description ?? null, sapMeta: group as object },
  });
}

/** Imports one group and its keys; keys that vanished from SAP without a job of ours are marked gone. */
async function syncGroup(
  db: Db,
  client: SapKmsClient,
  guards: KeyGuards,
  connectionId: string,
  group: Group,
): Promise<GroupSyncDetail> {
  const row = await upsertGroup(db, connectionId, group);
  // The import wrapping key is ours. A key SAP lists under the name of a key that is gone from the
  // inventory and holds a backup is that key's half-done restore (restores mark nothing on SAP): it
  // belongs to the key, and the key's next restore adopts it, so it is not imported as a key of its own.
  // SAP is listed before the inventory is read: a restore that completes in between is then known
  // (its key id recorded) rather than taken for a new key.
  const listedAt = new Date();
  const listed = await client.listAllKeys({ groupId: group.id });
  const known = new Set(
    (await db.sapKey.findMany({ where: { connectionId }, select: { sapKeyId: true } })).map((k) => k.sapKeyId),
  );
  const restorable = new Set(
    (
      await db.sapKey.findMany({
        where: { groupId: row.id, gone: true, backupId: { not: null } },
        select: { name: true },
      })
    ).map((k) => k.name),
  );
  const keys = listed.filter((k) => k.name !== IMPORT_KEY_NAME && (known.has(k.id) || !restorable.has(k.name)));
  let added = 0;
  for (const key of keys) {
    const existing = await db.sapKey.findUnique({
      where: { connectionId_sapKeyId: { connectionId, sapKeyId: key.id } },
      select: { id: true },
    });
    await db.sapKey.upsert({
      where: { connectionId_sapKeyId: { connectionId, sapKeyId: key.id } },
      create: { connectionId, groupId: row.id, sapKeyId: key.id, ...keyFields(key) },
      update: keyFields(key),
    });
    if (!existing) added++;
  }
  // A key SAP lists is not gone, whatever the inventory thought (unless a job owns it right now).
  await guards.markPresent(
    db,
    connectionId,
    keys.map((k) => k.id),
  );
  // Everything SAP listed counts as seen, marked or not; only keys the inventory held before the
  // listing can have vanished (one created meanwhile was simply not listed yet).
  const seen = new Set(listed.map((k) => k.id));
  const vanished = await guards.vanishCandidates(db, row.id, listedAt);
  const gone: string[] = [];
  for (const key of vanished.filter((k) => !seen.has(k.sapKeyId))) {
    // Guarded: a job that started meanwhile, or a change since the listing (a restore), keeps the key.
    if (await guards.markVanished(db, key.id, listedAt)) gone.push(key.id);
  }
  return {
    group_id: group.id,
    name: group.name,
    status: "completed",
    keys_found: keys.length,
    keys_added: added,
    keys_updated: keys.length - added,
    keys_gone: gone,
  };
}

async function groupsToSync(client: SapKmsClient, job: { synchronizeAll: boolean; groups: string[] }) {
  if (job.synchronizeAll) return { found: await client.listAllGroups({ expandKeystore: true }), missing: [] };
  const found: Group[] = [];
  const missing: string[] = [];
  for (const wanted of job.groups) {
    const [byName] = await client.listGroups({ name: wanted, expandKeystore: true });
    const match =
      byName ??
      (
        await client.listGroups({ id: wanted, expandKeystore: true }).catch((error: unknown) => {
          // Not an id SAP accepts: no such group. Anything else (a timeout, a 5xx) is the attempt's failure.
          if (error instanceof SapKmsError && (error.code === "BAD_REQUEST" || error.code === "NOT_FOUND")) return [];
          throw error;
        })
      )[0];
    if (match) found.push(match);
    else missing.push(wanted);
  }
  return { found, missing };
}

/**
 * Runs a synchronization: every group the target names (or all), each recorded with its outcome, and
 * returns how it ended; the caller (the sync job kind) records that in its guarded statement. Safe to
 * run again (upserts by SAP id). A transient SAP error while listing groups is thrown for the queue to
 * retry; a failure inside one group is recorded on that group and the others go on. `guards` are the
 * job side's statements that keep a key a job is working on as it is; `stopRequested` (a cancel) is
 * asked between groups, and the groups done so far stay.
 */
export async function runSync(
  db: Db,
  client: SapKmsClient,
  target: SyncTarget,
  hooks: { guards: KeyGuards; stopRequested(): Promise<boolean> },
): Promise<SyncOutcome> {
  const { found, missing } = await groupsToSync(client, target);
  const details: SyncDetails = {
    groups: missing.map((name) => ({ group_id: "", name, status: "failed", error: "no such group in SAP" })),
  };
  for (const group of found) {
    if (await hooks.stopRequested()) return { status: "completed", details, error: null };
    try {
      details.groups.push(await syncGroup(db, client, hooks.guards, target.connectionId, group));
    } catch (error) {
      if (!(error instanceof SapKmsError)) throw error;
      details.groups.push({ group_id: group.id, name: group.name, status: "failed", error: error.message });
    }
  }
  const failed = details.groups.filter((g) => g.status === "failed");
  return {
    status: failed.length > 0 ? "failed" : "completed",
    details,
    error: failed.length > 0 ? `${failed.length} of ${details.groups.length} group(s) failed` : null,
  };
}
