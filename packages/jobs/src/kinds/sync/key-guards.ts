import type { KeyGuards } from "@cckm/inventory";
import { noActiveJob } from "../../keys/active-job.ts";

/**
 * The sync's statements on keys that a job may be working on, each guarded by "no active job" in the
 * same statement: a key a job owns is the job's to change. The inventory's sync is handed these.
 */
export const keyGuards: KeyGuards = {
  async markPresent(db, connectionId, sapKeyIds) {
    await db.sapKey.updateMany({
      where: { connectionId, sapKeyId: { in: sapKeyIds }, gone: true, jobs: noActiveJob() },
      data: { gone: false, goneAt: null },
    });
  },
  vanishCandidates(db, groupId, listedAt) {
    return db.sapKey.findMany({
      where: { groupId, gone: false, updatedAt: { lt: listedAt }, jobs: noActiveJob() },
      select: { id: true, sapKeyId: true },
    });
  },
  async markVanished(db, keyId, listedAt) {
    const { count } = await db.sapKey.updateMany({
      where: { id: keyId, gone: false, updatedAt: { lt: listedAt }, jobs: noActiveJob() },
      data: { gone: true, goneAt: new Date() },
    });
    return count === 1;
  },
};
