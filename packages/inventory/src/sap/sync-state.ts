import type { Db } from "@cckm/db";

/** One group's outcome in a synchronization's `details`. */
export interface GroupSyncDetail {
  group_id: string;
  name: string;
  status: "completed" | "failed";
  keys_found?: number;
  keys_added?: number;
  keys_updated?: number;
  keys_gone?: string[];
  error?: string;
}

export interface SyncDetails {
  groups: GroupSyncDetail[];
}

/** What a synchronization covers: a connection's named groups, or all of them. */
export interface SyncTarget {
  connectionId: string;
  synchronizeAll: boolean;
  groups: string[];
}

/** How a synchronization ended; the sync job kind (packages/jobs) records it in its guarded statement. */
export interface SyncOutcome {
  status: "completed" | "failed";
  details: SyncDetails;
  error: string | null;
}

/**
 * The statements of a sync that must leave alone a key a job is working on (a job's key is the job
 * side's to change). They live with the jobs (packages/jobs), which read the jobs table; the inventory
 * never does, and is handed them.
 */
export interface KeyGuards {
  /** Marks the connection's keys of these SAP ids present again (`gone = false`), but a job's key. */
  markPresent(db: Db, connectionId: string, sapKeyIds: string[]): Promise<void>;
  /** The group's keys not gone and unchanged since `listedAt`, but a job's key: those that may have vanished. */
  vanishCandidates(db: Db, groupId: string, listedAt: Date): Promise<Array<{ id: string; sapKeyId: string }>>;
  /** Guarded: marks the key gone unless it changed since `listedAt` or a job works on it. */
  markVanished(db: Db, keyId: string, listedAt: Date): Promise<boolean>;
}
