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
export { MigrationError, type MigrationErrorCode } from "./migrate/errors.ts";
export { checksumOf, findMigrationsDir, type MigrationFile, readMigrations } from "./migrate/files.ts";
export { MIGRATION_LOCK_KEY } from "./migrate/ledger.ts";
export { type MigrateOptions, type MigrateResult, migrate, pendingMigrations } from "./migrate/runner.ts";
export { type Direction, orderByOf, type Page, type SortItem } from "./page.ts";
export { isDatabaseUnavailable } from "./unavailable.ts";
