import { type Pool, prepared, type Queryable } from "@cckm/db";
import { JobError } from "../errors.ts";

// A session advisory lock per job, in the two-int key space (never the one-bigint space of the
// migration and reconciler locks): class 7263, the job id's hash.
const TRY_LOCK = prepared("attempt_lock", "SELECT pg_try_advisory_lock(7263, hashtext($1)) AS locked");
const UNLOCK = prepared("attempt_unlock", "SELECT pg_advisory_unlock(7263, hashtext($1))");

/**
 * Runs one attempt of a job while this process holds the job's attempt lock, on a connection of the
 * attempt's own that `attempt` gets for its statements. Two attempts of one job (a redelivery after
 * a stall, a re-enqueue after Redis forgot the queue while the first still runs) then never work on
 * SAP at the same time: two restores importing the same versions would give the key each twice. The
 * lock lives with the connection, so a worker that dies (or whose connection Postgres ends) releases
 * it. A second attempt gets ATTEMPT_RUNNING, which no attempt is spent on: it waits and comes back.
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
  let locked = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>({ ...TRY_LOCK, values: [jobId] });
    locked = rows[0]?.locked === true;
    if (!locked) throw new JobError("ATTEMPT_RUNNING", "another attempt of this job is running", true);
    return await attempt(client);
  } finally {
    if (locked && !lost) {
      try {
        await client.query({ ...UNLOCK, values: [jobId] });
      } catch (error) {
        lost = error as Error; // destroying the connection below releases the lock
      }
    }
    client.removeListener("error", onError);
    client.release(lost);
  }
}
