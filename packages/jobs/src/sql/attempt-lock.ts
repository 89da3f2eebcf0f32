import { type Pool, prepared, type Queryable } from "@cckm/db";
import { JobError } from "../errors.ts";

// A session advisory lock per key, in the two-int key space (never the one-bigint space of the
// migration and reconciler locks): class 7263, the hash of the job's key id, read in the same
// statement. No row: no such job (the claim then says so). `key_id` is what the unlock needs.
const TRY_LOCK = prepared(
  "attempt_lock",
  `SELECT cckm_key_id::text AS key_id, pg_try_advisory_lock(7263, hashtext(cckm_key_id::text)) AS locked
     FROM sap_key_jobs WHERE id = $1::uuid`,
);
const UNLOCK = prepared("attempt_unlock", "SELECT pg_advisory_unlock(7263, hashtext($1))");

/**
 * Runs one attempt of a job while this process holds its key's attempt lock, on a connection of the
 * attempt's own that `attempt` gets for its statements. Two attempts on one key (a redelivery after a
 * stall, a re-enqueue after Redis forgot the queue while the first still runs, or a new job of the key
 * while an older one that was failed meanwhile still runs) then never work on SAP at the same time:
 * two restores importing the same versions would give the key each twice. The lock lives with the
 * connection, so a worker that dies (or whose connection Postgres ends) releases it. Another attempt
 * gets ATTEMPT_RUNNING, which no attempt is spent on: it waits and comes back.
 */
export async function withAttemptLock<T>(
  pool: Pool,
  jobId: string,
  attempt: (db: Queryable) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error; // the connection is gone, and the lock with it; its next statement fails
  };
  client.on("error", onError);
  let lockedKey: string | undefined;
  try {
    const { rows } = await client.query<{ key_id: string; locked: boolean }>({ ...TRY_LOCK, values: [jobId] });
    const row = rows[0];
    if (row && !row.locked) throw new JobError("ATTEMPT_RUNNING", "another attempt on this key is running", true);
    lockedKey = row?.key_id;
    return await attempt(client); // no row: no such job, which the attempt's claim finds
  } finally {
    if (lockedKey !== undefined && !lost) {
      try {
        await client.query({ ...UNLOCK, values: [lockedKey] });
      } catch (error) {
        lost = error as Error; // destroying the connection below releases the lock
      }
    }
    client.removeListener("error", onError);
    client.release(lost);
  }
}
