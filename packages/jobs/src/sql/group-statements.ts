import { prepared, type Queryable, SQL_STATE } from "@cckm/db";
import { type ProvenBackup, sealedHash } from "./commit-backup.ts";
import { type EndedJob, type EndedRow, endedFromRow } from "./rows.ts";

// The statements of a worker's group commit (group-commit.ts): several attempts' backups, or their
// completions, in one statement and one commit. Each entry carries the backend pid of its attempt's
// connection; an entry counts only while that connection still holds the key's attempt lock
// (attempt-lock.ts: class 7263, the hash of the key id), as if the statement ran on it. An entry this
// statement skips (its job no longer runs, or its lock is gone) is left to the attempt's own statement.
const HOLDS_ATTEMPT_LOCK = (keyId: string, pid: string) => `EXISTS (
  SELECT 1 FROM pg_locks l
   WHERE l.locktype = 'advisory' AND l.classid = 7263 AND l.objid = hashtext(${keyId}::text)::oid
     AND l.objsubid = 2 AND l.pid = ${pid} AND l.granted)`;

/** A backup of one attempt, with the backend pid of the connection that holds its attempt lock. */
export interface GroupedBackup {
  lockPid: number;
  backup: ProvenBackup;
}

// commit_backup (commit-backup.ts) for many jobs: each job's backup_status, its backup with every
// version, and its key's pointer, only while the job runs; every version's stored bytes compared with
// the proven ones (a difference raises, and the statement writes nothing).
const COMMIT_BACKUPS = prepared(
  "commit_backups",
  `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[])
    AS i(backup_id, job_id, sap_key_id, key_type, version_count, lock_pid)
), job AS (
  UPDATE sap_key_jobs j SET backup_status = 'done', updated_at = now()
    FROM input i
   WHERE j.id = i.job_id AND j.state = ${SQL_STATE.IN_PROGRESS} AND ${HOLDS_ATTEMPT_LOCK("j.cckm_key_id", "i.lock_pid")}
  RETURNING j.id, j.cckm_key_id, i.backup_id, i.sap_key_id, i.key_type, i.version_count
), backup AS (
  INSERT INTO key_backups (id, key_id, job_id, sap_key_id, key_type, version_count, proven_at)
  SELECT job.backup_id, job.cckm_key_id, job.id, job.sap_key_id, job.key_type, job.version_count, now() FROM job
  RETURNING id, key_id, job_id
), linked AS (
  UPDATE sap_keys k SET backup_id = backup.id, updated_at = now() FROM backup WHERE k.id = backup.key_id
), proven AS (
  SELECT * FROM unnest($7::uuid[], $8::int[], $9::bytea[], $10::bytea[], $11::bytea[], $12::bytea[], $13::text[],
                       $14::text[], $15::text[])
    AS p(backup_id, version, ciphertext, nonce, tag, wrapped_dek, kek_id, digest, sealed_hash)
), versions AS (
  INSERT INTO key_backup_versions (id, backup_id, version, ciphertext, nonce, tag, wrapped_dek, kek_id, digest)
  SELECT gen_random_uuid(), backup.id, p.version, p.ciphertext, p.nonce, p.tag, p.wrapped_dek, p.kek_id, p.digest
    FROM backup JOIN proven p ON p.backup_id = backup.id
  RETURNING backup_id, version, kek_id, digest, encode(sha256(ciphertext || nonce || tag || wrapped_dek), 'hex') AS stored
)
SELECT b.job_id,
       bool_and(CASE WHEN v.stored = p.sealed_hash AND v.kek_id = p.kek_id AND v.digest = p.digest THEN true
                     ELSE cckm_refuse('version ' || v.version || ' of the backup is stored other than proven') END) AS intact
  FROM backup b
  JOIN versions v ON v.backup_id = b.id
  JOIN proven p ON p.backup_id = v.backup_id AND p.version = v.version
 GROUP BY b.job_id`,
);

/** Commits the backups it can in one statement; returns the job ids whose backup it committed. */
export async function commitProvenBackups(db: Queryable, entries: readonly GroupedBackup[]): Promise<Set<string>> {
  const flat = entries.flatMap(({ backup }) => backup.versions.map((v) => ({ backupId: backup.id, v })));
  const { rows } = await db.query<{ job_id: string }>({
    ...COMMIT_BACKUPS,
    values: [
      entries.map((e) => e.backup.id),
      entries.map((e) => e.backup.jobId),
      entries.map((e) => e.backup.sapKeyId),
      entries.map((e) => e.backup.keyType),
      entries.map((e) => e.backup.versions.length),
      entries.map((e) => e.lockPid),
      flat.map((f) => f.backupId),
      flat.map((f) => f.v.version),
      flat.map((f) => f.v.ciphertext),
      flat.map((f) => f.v.nonce),
      flat.map((f) => f.v.tag),
      flat.map((f) => f.v.wrappedDek),
      flat.map((f) => f.v.kekId),
      flat.map((f) => f.v.digest),
      flat.map((f) => sealedHash(f.v)),
    ],
  });
  return new Set(rows.map((r) => r.job_id));
}

/** A delete's completion, with the backend pid of the connection that holds its attempt lock. */
export interface GroupedCompletion {
  lockPid: number;
  jobId: string;
  actor: string;
  backupId: string | null;
}

// complete_delete (complete-job.ts) for many jobs: each IN_PROGRESS → DONE with its key gone (holding
// the job's proven backup, if any; the key's other backups dropped then), and its event.
const COMPLETE_DELETES = prepared(
  "complete_deletes",
  `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[]) AS i(job_id, actor, backup_id, lock_pid)
), job AS (
  UPDATE sap_key_jobs j
     SET state = ${SQL_STATE.DONE}, completed_at = now(), error = NULL, error_code = NULL, updated_at = now()
    FROM input i
   WHERE j.id = i.job_id AND j.state = ${SQL_STATE.IN_PROGRESS} AND ${HOLDS_ATTEMPT_LOCK("j.cckm_key_id", "i.lock_pid")}
  RETURNING j.id, j.cckm_key_id, j.operation, j.state, j.created_at, j.completed_at, i.actor, i.backup_id
), key AS (
  UPDATE sap_keys k SET gone = true, gone_at = now(), backup_id = COALESCE(job.backup_id, k.backup_id), updated_at = now()
    FROM job WHERE k.id = job.cckm_key_id
  RETURNING k.id
), older AS (
  DELETE FROM key_backups b USING job
   WHERE job.backup_id IS NOT NULL AND b.key_id = job.cckm_key_id AND b.id <> job.backup_id
), event AS (
  INSERT INTO sap_key_job_events (job_id, from_state, to_state, actor, reason)
  SELECT job.id, ${SQL_STATE.IN_PROGRESS}, ${SQL_STATE.DONE}, job.actor, 'deleted from SAP' FROM job
)
SELECT id, operation, state, created_at, completed_at FROM job`,
);

/** Completes the deletes it can in one statement; returns how each job it ended ended, by job id. */
export async function completeDeletes(
  db: Queryable,
  entries: readonly GroupedCompletion[],
): Promise<Map<string, EndedJob>> {
  const { rows } = await db.query<EndedRow>({
    ...COMPLETE_DELETES,
    values: [
      entries.map((e) => e.jobId),
      entries.map((e) => e.actor),
      entries.map((e) => e.backupId),
      entries.map((e) => e.lockPid),
    ],
  });
  return new Map(rows.map((r) => [r.id, endedFromRow(r)]));
}
