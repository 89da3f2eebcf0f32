export {
  createPool,
  createPrismaClient,
  type Db,
  type DbOptions,
  type Pool,
  type PoolConnectionError,
  prepared,
  type Queryable,
} from "./client.ts";
export { type AuditRecord, Prisma } from "./generated/prisma/client.ts";
export { BackupStatus, JobOperation, JobState, SyncStatus } from "./generated/prisma/enums.ts";
export {
  ACTIVE_STATES,
  ACTIVE_STATES_SQL,
  type ActiveState,
  isActive,
  isSyncActive,
  isTerminal,
  JOB_STATES,
  SQL_STATE,
  SYNC_ACTIVE_STATUS,
  TERMINAL_STATES,
  type TerminalState,
  unreachable,
} from "./job-states.ts";
export { MigrationError, type MigrationErrorCode } from "./migrate/errors.ts";
export { checksumOf, findMigrationsDir, type MigrationFile, readMigrations } from "./migrate/files.ts";
export { MIGRATION_LOCK_KEY } from "./migrate/ledger.ts";
export { type MigrateOptions, type MigrateResult, migrate, pendingMigrations } from "./migrate/runner.ts";
export { type Direction, orderByOf, type Page, type SortItem } from "./page.ts";
export { isDatabaseUnavailable } from "./unavailable.ts";
