import type { Db } from "@cckm/db";
import { hasActiveJob } from "./active-job.ts";

export type DropBackupOutcome = "dropped" | "not_found" | "not_gone" | "no_backup" | "job_active";

/**
 * Drops every backup of a key, only when the key is gone from SAP and no job is active for it. The key row is locked first (`FOR UPDATE`), as job submission locks it, so a
 * restore submitted at the same moment either sees the backup gone or makes this refuse.
 */
export async function dropBackup(db: Db, keyId: string): Promise<DropBackupOutcome> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ gone: boolean; backup_id: string | null }>>`
      SELECT gone, backup_id FROM sap_keys WHERE id = ${keyId}::uuid FOR UPDATE`;
    const key = rows[0];
    if (!key) return "not_found";
    if (!key.gone) return "not_gone";
    if (!key.backup_id) return "no_backup";
    if (await hasActiveJob(tx, keyId)) return "job_active";
    await tx.sapKey.update({ where: { id: keyId }, data: { backupId: null } });
    await tx.keyBackup.deleteMany({ where: { keyId } });
    return "dropped";
  });
}
