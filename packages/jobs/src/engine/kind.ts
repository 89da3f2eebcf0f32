import type { Pool, Queryable, TerminalState } from "@cckm/db";
import type { Logger } from "@cckm/log";
import type { z } from "zod";
import type { AttemptCounters } from "./failure-policy.ts";

/**
 * One job kind (SAP key delete/restore, a synchronization, the next cloud's sync...): everything the
 * engine needs to enqueue it, run it, retry it, end it and reconcile it. A new kind is one such
 * definition (and its table's migration) added to JOB_KINDS; the engine's one processor, the
 * reconciler, the final-failure watcher, the metrics and Bull Board take it from there.
 *
 * `S` is what the kind's statements and `run` need from the process (SAP clients, a keyring...), given
 * once to `startEngine` as `services`.
 */
export interface JobKind<Payload = unknown, Claimed = unknown, S = unknown> {
  /** The kind's name, for logs and the `operation` label of metrics when `run` does not say. */
  name: string;
  /** The field naming the row in the kind's log lines (e.g. `jobId`). */
  logField: string;
  /** The BullMQ queue its jobs go to; one queue per kind. */
  queue: string;
  /** The queue job's data: ids only (strict), never key material. */
  payload: z.ZodType<Payload>;
  /** The Postgres row a payload names, and the payload naming a row. */
  idOf(payload: Payload): string;
  payloadOf(id: string): Payload;
  /** Attempts BullMQ makes (from the deployment's settings, or the kind's own). */
  attempts(settings: KindSettings): number;
  /** How many of its jobs one worker process runs at once. */
  concurrency(workerConcurrency: number): number;
  /** Where its rows live, for the reconciler's walk (the SQL is the engine's). */
  table: KindTable;
  /**
   * Optional: what every attempt runs inside, given the statements' connection (e.g. the key's attempt
   * lock, held on a connection of the attempt's own). Default: the process's pool.
   */
  scope?<T>(pool: Pool, id: string, body: (db: Queryable) => Promise<T>): Promise<T>;
  /** Guarded: takes the row for this attempt; a missing or ended row is left alone. */
  claim(db: Queryable, id: string, actor: string, services: S): Promise<Claim<Claimed>>;
  /** The work, on a claimed row. Returns how the job ended (for metrics), or nothing. */
  run(claimed: Claimed, context: RunContext<S>): Promise<Ended | null | undefined>;
  /** Guarded: ends the row FAILED whatever killed the job; null when it had already ended. */
  fail(db: Queryable, id: string, actor: string, failure: KindFailure, services: S): Promise<Ended | null>;
}

/** Any kind, as the engine holds them. */
// biome-ignore lint/suspicious/noExplicitAny: a registry of kinds of different payloads and services
export type AnyJobKind = JobKind<any, any, any>;

/** Where a kind's rows live, named for the reconciler's one statement (engine/sql/active-jobs.ts). */
export interface KindTable {
  /** The table. */
  name: string;
  /** SQL expression of the BullMQ job id of a row (e.g. `job_id`, or `id::text` when they are one). */
  queueJobId: string;
  /** SQL expression of the BullMQ job name of a row (e.g. `operation::text`, or `'sync'`). */
  jobName: string;
  /** SQL predicate: the row is still active (built from the exported vocabulary, never spelled out). */
  active: string;
}

/** The deployment's job settings a kind may read. */
export interface KindSettings {
  attempts: number;
  backoffMs: number;
}

/** What a guarded claim found. */
export type Claim<C> = { outcome: "claimed"; claimed: C } | { outcome: "missing" } | { outcome: "finished" };

/** A queue job of a kind: its row, its BullMQ id and name. The one shape enqueue and the reconciler add. */
export interface JobRef {
  id: string;
  queueJobId: string;
  name: string;
}

/** A failure as Postgres records it: a code and a message (never a stack), and a kind's own extras. */
export interface KindFailure {
  code: string;
  message: string;
  [extra: string]: unknown;
}

/** How a job ended, as its guarded final statement reports it (counted once, by whoever ended it). */
export interface Ended {
  state: TerminalState;
  /** The `operation` label of the metrics (e.g. `delete`); the kind's name when absent. */
  operation?: string;
  createdAt: Date;
  completedAt: Date;
}

/** What `run` gets besides its claimed row. */
export interface RunContext<S> {
  services: S;
  /** Where the attempt's statements go (the scope's connection, or the pool). */
  db: Queryable;
  actor: string;
  log: Logger;
  counters: AttemptCounters;
  /** True when this attempt is the last BullMQ will make. */
  final: boolean;
  /** True while the job may still wait on infrastructure instead of spending an attempt. */
  mayWait: boolean;
}

/** Identity with the types checked: `export const myKind = defineKind({...})`. */
export function defineKind<P, C, S = unknown>(kind: JobKind<P, C, S>): JobKind<P, C, S> {
  return kind;
}
