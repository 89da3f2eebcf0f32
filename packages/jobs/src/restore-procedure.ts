import { restoreMarker } from "@cckm/inventory";
import type { Key } from "@cckm/sap-kms-client";
import { readBackup } from "./backup.ts";
import { type AttemptInfo, type ClaimedJob, contextOf, type ProcedureDeps } from "./delete-procedure.ts";
import { JobError } from "./errors.ts";
import { completeRestore, type EndedJob } from "./sql/index.ts";

function describe(original: string | null, marker: string): string {
  return original ? `${original} [${marker}]` : `[${marker}]`;
}

/**
 * restore, on a claimed job: re-import version 0 as a new key in the original group, then each later version
 * in order, under a marker that names the job → key's new SAP id, `gone=false`, job DONE in one
 * statement. A retry first looks for the marker: it finishes a half-done key, never makes a second.
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
    const marker = restoreMarker(jobId);
    const groupId = key.sapGroupId;
    const found = await client.findKeysByDescription(groupId, marker);
    if (found.length > 1) throw new JobError("RESTORE_CONFLICT", `${found.length} keys carry this job's marker`);
    const importKey = await client.ensureImportKey(groupId);
    let restored: Key | undefined = found[0];
    if (!restored) {
      const [first] = materials;
      if (!first) throw new JobError("NO_BACKUP", "the backup holds no version");
      restored = await client.importNewKey({
        importKey,
        material: first,
        target: {
          name: key.name,
          groupId,
          type: first.type,
          description: describe(key.description, marker),
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
        material: materials[v] as (typeof materials)[number],
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
