import { JobState, SyncStatus } from "./generated/prisma/enums.ts";

/**
 * The job vocabulary, spelled once: the states come from `schema.prisma` (the Prisma enums), and the
 * active set is defined here and nowhere else. Code that needs "is a job still running" uses
 * `ACTIVE_STATES` / `isActive` (TypeScript, Prisma filters) or `ACTIVE_STATES_SQL` (raw SQL).
 */
export const JOB_STATES = [JobState.PENDING, JobState.IN_PROGRESS, JobState.DONE, JobState.FAILED] as const;

/** States a job may still leave: at most one such job per key (the partial unique index). */
export const ACTIVE_STATES = [JobState.PENDING, JobState.IN_PROGRESS] as const;
export type ActiveState = (typeof ACTIVE_STATES)[number];

/** States a job never leaves. */
export const TERMINAL_STATES = [JobState.DONE, JobState.FAILED] as const;
export type TerminalState = (typeof TERMINAL_STATES)[number];

/** Whether a job in `state` may still change (PENDING or IN_PROGRESS). Exhaustive over JobState. */
export function isActive(state: JobState): state is ActiveState {
  switch (state) {
    case JobState.PENDING:
    case JobState.IN_PROGRESS:
      return true;
    case JobState.DONE:
    case JobState.FAILED:
      return false;
    default:
      return unreachable(state);
  }
}

/** Whether a job in `state` has ended (DONE or FAILED). */
export function isTerminal(state: JobState): state is TerminalState {
  return !isActive(state);
}

/** The active set as a SQL list, for statements: `state IN (${ACTIVE_STATES_SQL})`. */
export const ACTIVE_STATES_SQL = ACTIVE_STATES.map((s) => `'${s}'`).join(", ");

/** Each state as a SQL literal (`'DONE'`), for the guarded statements that name the state they write. */
export const SQL_STATE = Object.fromEntries(JOB_STATES.map((s) => [s, `'${s}'`])) as { [S in JobState]: string };

/** A synchronization's one active status (it runs until completed or failed). */
export const SYNC_ACTIVE_STATUS = SyncStatus.in_progress;

/** Whether a synchronization may still change. Exhaustive over SyncStatus. */
export function isSyncActive(status: SyncStatus): boolean {
  switch (status) {
    case SyncStatus.in_progress:
      return true;
    case SyncStatus.completed:
    case SyncStatus.failed:
      return false;
    default:
      return unreachable(status);
  }
}

/** The end of an exhaustive switch: a value the types say cannot be. */
export function unreachable(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}
