import { randomUUID } from "node:crypto";
import pg from "pg";
import { MigrationError } from "./errors.ts";
import { type MigrationFile, readMigrations } from "./files.ts";
import { CREATE_LEDGER, type LedgerRow, MIGRATION_LOCK_KEY, readLedger } from "./ledger.ts";

export interface MigrateOptions {
  connectionString: string;
  /** Defaults to prisma/migrations found above the working directory. */
  migrations?: MigrationFile[];
  log?: (message: string) => void;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

/** Refuses edited, failed or unknown history before anything is applied. */
function checkHistory(files: MigrationFile[], ledger: LedgerRow[]): void {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of ledger) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      throw new MigrationError(
        "MIGRATION_PREVIOUSLY_FAILED",
        `migration ${row.migration_name} started but never finished; resolve it before migrating again`,
        row.migration_name,
      );
    }
    const file = byName.get(row.migration_name);
    if (file && file.checksum !== row.checksum) {
      throw new MigrationError(
        "MIGRATION_CHECKSUM_MISMATCH",
        `migration ${row.migration_name} was edited after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ${file.checksum.slice(0, 12)}… on disk); add a new migration instead`,
        row.migration_name,
      );
    }
  }
}

async function applyOne(client: pg.Client, file: MigrationFile): Promise<void> {
  await client.query("BEGIN");
  try {
    const id = randomUUID();
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, file.checksum, file.name],
    );
    await client.query(file.sql);
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
      id,
    ]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError("MIGRATION_FAILED", `migration ${file.name} failed: ${reason}`, file.name);
  }
}

/**
 * Applies pending migrations in order, each in its own transaction, under Prisma Migrate's
 * advisory lock: concurrent runners (or `prisma migrate deploy`) wait, then find nothing to do.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const files = options.migrations ?? (await readMigrations());
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: options.connectionString, application_name: "cckm-migrate" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_LEDGER);
      const ledger = await readLedger(client);
      checkHistory(files, ledger);
      const done = new Set(ledger.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
      const applied: string[] = [];
      for (const file of files) {
        if (done.has(file.name)) continue;
        log(`applying migration ${file.name}`);
        await applyOne(client, file);
        applied.push(file.name);
      }
      return { applied, alreadyApplied: files.filter((f) => done.has(f.name)).map((f) => f.name) };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/** Names of migrations on disk that the database has not finished applying (for readiness). */
export async function pendingMigrations(db: Pick<pg.ClientBase, "query">, files: MigrationFile[]): Promise<string[]> {
  const ledger = await readLedger(db);
  const done = new Set(ledger.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
  return files.filter((f) => !done.has(f.name)).map((f) => f.name);
}
