import type { Db } from "@cckm/db";
import { hasActiveJob } from "./active-job.ts";

export type DestroyKeyOutcome = "destroyed" | "not_found" | "not_gone" | "job_active";

/**
 * Removes a key from the inventory for good: its backups (and their versions), its jobs (and their
 * events), then the key row, in one transaction. Only a key that is gone from SAP (a delete job
 * finished, so SAP no longer has it) and has no active job: the row is never dropped
 * while the key may still exist on SAP. The key row is locked first, as job submission locks it, so
 * a restore submitted at the same moment either runs first (then this refuses) or finds no key.
 * The audit log keeps who did it.
 */
export async function destroyKey(db: Db, keyId: string): Promise<DestroyKeyOutcome> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ gone: boolean }>>`
      SELECT gone FROM sap_keys WHERE id = ${keyId}::uuid FOR UPDATE`;
    const key = rows[0];
    if (!key) return "not_found";
    if (!key.gone) return "not_gone";
    if (await hasActiveJob(tx, keyId)) return "job_active";
    await tx.sapKey.update({ where: { id: keyId }, data: { backupId: null } });
    await tx.keyBackup.deleteMany({ where: { keyId } });
    await tx.sapKeyJob.deleteMany({ where: { cckmKeyId: keyId } });
    await tx.sapKey.delete({ where: { id: keyId } });
    return "destroyed";
  });
}
