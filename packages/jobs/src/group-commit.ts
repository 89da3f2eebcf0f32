import type { Pool, Queryable } from "@cckm/db";
import { Coalescer, type Settled, settle } from "./coalescer.ts";
import {
  commitProvenBackup,
  commitProvenBackups,
  completeDelete,
  completeDeletes,
  type EndedJob,
  type ProvenBackup,
} from "./sql/index.ts";

/**
 * Where a delete's two commits go: straight to the attempt's connection (DIRECT_COMMITS), or through a
 * worker's group commit (createGroupCommit), with the same answers either way.
 */
export interface Commits {
  /** commitProvenBackup: true once the backup is committed proven; false when the job no longer runs. */
  commitBackup(db: Queryable, backup: ProvenBackup): Promise<boolean>;
  /** completeDelete: how the job ended; null when it no longer ran. */
  completeDelete(db: Queryable, jobId: string, actor: string, backupId: string | null): Promise<EndedJob | null>;
}

export const DIRECT_COMMITS: Commits = { commitBackup: commitProvenBackup, completeDelete };

export interface GroupCommitOptions {
  /** How long a commit waits for others to join it (0: one event-loop turn; they also join while one is in flight). */
  windowMs?: number;
  /** The most commits in one statement. */
  max?: number;
}

/** The backend pid of an attempt's connection (node-pg's `processID`), when `db` is one. */
const pidOf = (db: Queryable): number | undefined => {
  const pid = (db as { processID?: unknown }).processID;
  return typeof pid === "number" ? pid : undefined;
};

interface Entry<T> {
  db: Queryable;
  lockPid: number;
  value: T;
}

/**
 * One statement and one commit for the backups (and, apart, the completions) of attempts that reach
 * that step at about the same time, on a connection of `pool`. Every job's guarantees stay: each
 * caller waits for its own commit before it goes on (a backup is durable and proven before its SAP
 * delete; `synchronous_commit` untouched); the statement keeps each job's guard (still IN_PROGRESS)
 * and counts an entry only while its attempt's connection holds the key's attempt lock. Whatever the
 * grouped statement did not commit (an entry it skipped, or every entry when it failed) runs again
 * alone on its attempt's own connection, exactly as without grouping: that statement then answers
 * (false or null when the job no longer runs, BACKUP_CORRUPT, a lost connection's error). A lone
 * commit goes straight to its attempt's connection. A worker killed inside the window committed
 * nothing of that group: its jobs stay IN_PROGRESS and their next attempt finds them as before.
 */
export function createGroupCommit(pool: Pool, options: GroupCommitOptions = {}): Commits {
  const coalescer = { windowMs: options.windowMs ?? 0, max: options.max ?? 64 };
  const backups = new Coalescer<Entry<ProvenBackup>, boolean>(async (entries) => {
    const alone = ({ db, value }: Entry<ProvenBackup>) => settle(() => commitProvenBackup(db, value));
    if (entries.length === 1) return [await alone(only(entries))];
    const grouped = await settle(() =>
      commitProvenBackups(
        pool,
        entries.map((e) => ({ ...e, backup: e.value })),
      ),
    );
    return Promise.all(
      entries.map((e): Promise<Settled<boolean>> | Settled<boolean> =>
        grouped.ok && grouped.value.has(e.value.jobId) ? { ok: true, value: true } : alone(e),
      ),
    );
  }, coalescer);

  type Completion = { jobId: string; actor: string; backupId: string | null };
  const completions = new Coalescer<Entry<Completion>, EndedJob | null>(async (entries) => {
    const alone = ({ db, value }: Entry<Completion>) =>
      settle(() => completeDelete(db, value.jobId, value.actor, value.backupId));
    if (entries.length === 1) return [await alone(only(entries))];
    const grouped = await settle(() =>
      completeDeletes(
        pool,
        entries.map((e) => ({ lockPid: e.lockPid, ...e.value })),
      ),
    );
    return Promise.all(
      entries.map((e) => {
        const ended = grouped.ok ? grouped.value.get(e.value.jobId) : undefined;
        return ended ? ({ ok: true, value: ended } as const) : alone(e);
      }),
    );
  }, coalescer);

  return {
    commitBackup(db, backup) {
      const lockPid = pidOf(db);
      if (lockPid === undefined) return commitProvenBackup(db, backup);
      return backups.submit({ db, lockPid, value: backup });
    },
    completeDelete(db, jobId, actor, backupId) {
      const lockPid = pidOf(db);
      if (lockPid === undefined) return completeDelete(db, jobId, actor, backupId);
      return completions.submit({ db, lockPid, value: { jobId, actor, backupId } });
    },
  };
}

function only<T>(entries: T[]): T {
  const [entry] = entries;
  if (entry === undefined) throw new Error("an empty group");
  return entry;
}
