import { withoutRestoreMarkers } from "@cckm/inventory";
import { type Key, type KeyMaterial, type SapKmsClient, SapKmsError } from "@cckm/sap-kms-client";
import { readBackup } from "./backup.ts";
import { type AttemptInfo, type ClaimedJob, contextOf, type ProcedureDeps } from "./delete-procedure.ts";
import { JobError } from "./errors.ts";
import { sameKey } from "./same-key.ts";
import { completeRestore, type EndedJob, type KeyContext } from "./sql/index.ts";

type RestoringKey = KeyContext["key"];

/**
 * restore, on a claimed job: re-import version 0 as a new key in the original group, under the key's
 * own name and description, then each later version in order → key's new SAP id, `gone=false`, job
 * DONE in one statement. No marker is written anywhere SAP or a user sees: a half-done restore (an
 * earlier attempt's or an earlier job's, its answer lost or a later step failed) is the key of the
 * same name in the group whose versions are the backup's first versions; it is adopted and finished,
 * never made twice. A key of that name that is not the backup's is never touched (RESTORE_CONFLICT).
 * Returns how the job ended, or null when this call found it ended by someone else.
 */
export async function runRestore(
  deps: ProcedureDeps,
  claimed: ClaimedJob,
  _attempt: AttemptInfo,
): Promise<EndedJob | null> {
  const jobId = claimed.job.id;
  const { key, connection } = contextOf(claimed);
  if (!key.gone) throw new JobError("KEY_NOT_GONE", "the key exists in SAP again; nothing to restore");
  if (!key.backupId) throw new JobError("NO_BACKUP", "the key holds no backup");
  const client = deps.clientFor(connection);
  const materials = await readBackup(deps.pool, deps.keyring, key.backupId, key);
  try {
    const [first] = materials;
    if (!first) throw new JobError("NO_BACKUP", "the backup holds no version");
    let restored = await findHalfDone(deps, client, key, materials);
    const importKey = await client.ensureImportKey(key.sapGroupId);
    if (restored) {
      deps.log("adopting a half-done restore of this key", { jobId, sapKeyId: restored.id });
    } else {
      const description = withoutRestoreMarkers(key.description);
      restored = await client.importNewKey({
        importKey,
        material: first,
        target: {
          name: key.name,
          groupId: key.sapGroupId,
          type: first.type,
          ...(description !== null ? { description } : {}),
          operations: key.operations,
          exportable: key.exportable,
          enabled: key.enabled,
          ...(key.size !== null ? { size: key.size } : {}),
          ...(key.curve !== null ? { curve: key.curve } : {}),
        },
      });
      deps.log("version 0 re-imported", { jobId, sapKeyId: restored.id });
    }
    // SAP says how many versions the new key holds: import the rest, in order, from there.
    for (let v = restored.meta.totalVersions; v < materials.length; v++) {
      restored = await client.importVersion({
        importKey,
        material: materials[v] as KeyMaterial,
        keyId: restored.id,
      });
    }
    const final = await client.getKey(restored.id);
    if (final.meta.totalVersions !== materials.length) {
      throw new JobError(
        "INVARIANT",
        `restored key holds ${final.meta.totalVersions} versions, the backup ${materials.length}`,
      );
    }
    return await completeRestore(deps.pool, jobId, deps.actor, {
      sapKeyId: final.id,
      enabled: final.enabled,
      sapState: final.state ?? null,
      primaryVersion: final.meta.primaryVersion,
      totalVersions: final.meta.totalVersions,
      description: final.description ?? null,
      sapMeta: final.meta as object,
    });
  } finally {
    for (const m of materials) m.material.fill(0);
  }
}

/**
 * The key's half-done restore on SAP, if there is one: the key of its name in its group, proven to be
 * made from this backup by exporting its versions and comparing them with the backup's first ones.
 * A key of that name that is something else throws RESTORE_CONFLICT (no retry can fix it).
 */
async function findHalfDone(
  deps: ProcedureDeps,
  client: SapKmsClient,
  key: RestoringKey,
  materials: KeyMaterial[],
): Promise<Key | undefined> {
  const [found] = await client.listAllKeys({ groupId: key.sapGroupId, name: key.name });
  if (!found) return undefined;
  const conflict = (why: string) =>
    new JobError(
      "RESTORE_CONFLICT",
      `a key named "${key.name}" in SAP group ${key.sapGroupId} is not this key's backup (${why}); ` +
        "rename or remove it on SAP, then restore again",
    );
  if (found.type !== materials[0]?.type) throw conflict(`its type is ${found.type}`);
  if (found.meta.totalVersions > materials.length) throw conflict(`it holds ${found.meta.totalVersions} versions`);
  let exported: Awaited<ReturnType<SapKmsClient["exportAllVersions"]>> = [];
  try {
    exported = await client.exportAllVersions(found.id, await deps.exportKey());
    exported.forEach((e, v) => {
      const ours = materials[v];
      if (!ours || !sameKey(e, ours)) throw conflict(`version ${v} differs`);
    });
    return found;
  } catch (error) {
    if (error instanceof SapKmsError && error.code === "NOT_EXPORTABLE") throw conflict("it is not exportable");
    throw error;
  } finally {
    for (const e of exported) e.material.fill(0);
  }
}
