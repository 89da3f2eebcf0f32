import { type Pool, prepared, type Queryable } from "@cckm/db";
import type pg from "pg";
import { JobError } from "../errors.ts";
import { type Claim, type ClaimRow, claimFromRow, claimSql } from "./claim-job.ts";

// A session advisory lock per key, in the two-int key space (never the one-bigint space of the
// migration and reconciler locks): class 7263, the hash of the job's key id, read in the same
// statement. No row: no such job (the claim then says so). `key_id` is what the unlock needs.
const TRY_LOCK_SQL = (jobId: string) =>
  `SELECT cckm_key_id::text AS key_id, pg_try_advisory_lock(7263, hashtext(cckm_key_id::text)) AS locked
     FROM sap_key_jobs WHERE id = ${jobId}::uuid`;
const TRY_LOCK = prepared("attempt_lock", TRY_LOCK_SQL("$1"));
const UNLOCK = prepared("attempt_unlock", "SELECT pg_advisory_unlock(7263, hashtext($1))");

/** SQL predicate: the session of backend `pid` holds the attempt lock of key `keyId` (both SQL expressions). */
export const HOLDS_ATTEMPT_LOCK = (keyId: string, pid: string) => `EXISTS (
  SELECT 1 FROM pg_locks l
   WHERE l.locktype = 'advisory' AND l.classid = 7263 AND l.objid = hashtext(${keyId}::text)::oid
     AND l.objsubid = 2 AND l.pid = ${pid} AND l.granted)`;

// The lock, and the claim (claim-job.ts) that takes the row only if the lock statement before it, in
// the same transaction, took this key's lock: the lock statement notes the key in a transaction-local
// setting (gone when the query's implicit transaction ends), which the claim's guard compares. Both are
// prepared once per connection at SQL level, so that they go in one simple-protocol query. (A look in
// pg_locks would say the same at a cost: it copies the whole lock table, ≈ 0.3 ms per claim with 32 at once.)
const LOCKED_KEY = "cckm.attempt_locked_key";
const PREPARE_LOCK_AND_CLAIM = [
  `PREPARE cckm_sql_attempt_lock(uuid) AS
   SELECT key_id, locked, set_config('${LOCKED_KEY}', CASE WHEN locked THEN key_id ELSE '' END, true)
     FROM (${TRY_LOCK_SQL("$1")}) AS attempt_lock`,
  `PREPARE cckm_sql_claim_locked(uuid, text) AS ${claimSql(
    ` AND cckm_key_id::text = current_setting('${LOCKED_KEY}', true)`,
  )}`,
];
const preparedOn = new WeakSet<pg.PoolClient>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type LockRow = { key_id: string; locked: boolean };

/**
 * Runs one attempt of a job while this process holds its key's attempt lock, on a connection of the
 * attempt's own that `attempt` gets for its statements. Two attempts on one key (a redelivery after a
 * stall, a re-enqueue after Redis forgot the queue while the first still runs, or a new job of the key
 * while an older one that was failed meanwhile still runs) then never work on SAP at the same time:
 * two restores importing the same versions would give the key each twice. The lock lives with the
 * connection, so a worker that dies (or whose connection Postgres ends) releases it. Another attempt
 * gets ATTEMPT_RUNNING, which no attempt is spent on: it waits and comes back.
 */
export function withAttemptLock<T>(pool: Pool, jobId: string, attempt: (db: Queryable) => Promise<T>): Promise<T> {
  return holdingLock(
    pool,
    async (client) => (await client.query<LockRow>({ ...TRY_LOCK, values: [jobId] })).rows[0],
    attempt,
  );
}

/**
 * withAttemptLock and the job's claim (claimJob) in one round trip: one simple-protocol query of two
 * statements, the lock, then the claim guarded by "the lock statement took this key's lock", so a
 * refused lock claims nothing. Two statements on purpose: in READ COMMITTED each takes its own snapshot, so
 * the claim and the context it reads see everything the lock's previous holder committed before it
 * let go, as when they were two round trips (one statement would read a snapshot taken before the
 * lock was granted). An error of the query (the lock may be held) ends the connection, which releases
 * the lock.
 */
export function withClaimedAttempt<T>(
  pool: Pool,
  jobId: string,
  actor: string,
  attempt: (db: Queryable, claim: Claim) => Promise<T>,
): Promise<T> {
  if (!UUID.test(jobId)) return Promise.reject(new Error(`not a job id: ${jobId}`));
  let claim: Claim = { outcome: "missing" };
  return holdingLock(
    pool,
    async (client) => {
      const id = client.escapeLiteral(jobId);
      const statements = [
        `EXECUTE cckm_sql_attempt_lock(${id})`,
        `EXECUTE cckm_sql_claim_locked(${id}, ${client.escapeLiteral(actor)})`,
      ];
      const first = !preparedOn.has(client);
      const sql = (first ? [...PREPARE_LOCK_AND_CLAIM, ...statements] : statements).join(";\n");
      const results = (await client.query(sql)) as unknown as pg.QueryResult[]; // one per statement
      preparedOn.add(client);
      const [lock, claimed] = results.slice(first ? PREPARE_LOCK_AND_CLAIM.length : 0) as [
        pg.QueryResult<LockRow>,
        pg.QueryResult<ClaimRow>,
      ];
      claim = claimFromRow(claimed.rows[0]); // no row: no such job, or the lock refused (thrown below)
      return lock.rows[0];
    },
    (db) => attempt(db, claim),
  );
}

/** Takes the lock with `take` on a connection of its own, runs `attempt` on it, then lets go. */
async function holdingLock<T>(
  pool: Pool,
  take: (client: pg.PoolClient) => Promise<LockRow | undefined>,
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
    let row: LockRow | undefined;
    try {
      row = await take(client);
    } catch (error) {
      lost = error as Error; // the lock may be held: destroying the connection below releases it
      throw error;
    }
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
