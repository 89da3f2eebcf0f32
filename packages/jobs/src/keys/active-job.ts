import { ACTIVE_STATES, type Prisma } from "@cckm/db";

/**
 * Whether a job is PENDING or IN_PROGRESS for the key: asked by the key's other writers under the
 * key row's lock (which submission takes too), so the answer holds until their transaction ends.
 * The inventory is handed this (it never reads the jobs table itself).
 */
export async function hasActiveJob(tx: Prisma.TransactionClient, keyId: string): Promise<boolean> {
  const active = await tx.sapKeyJob.count({ where: { cckmKeyId: keyId, state: { in: [...ACTIVE_STATES] } } });
  return active > 0;
}

/** The Prisma filter "no active job" on a key, for the job side's guarded key statements. */
export const noActiveJob = () => ({ none: { state: { in: [...ACTIVE_STATES] } } });
