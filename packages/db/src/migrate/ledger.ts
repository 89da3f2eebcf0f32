import type pg from "pg";

/** Prisma Migrate's own bookkeeping table, created exactly as Prisma creates it. */
export const CREATE_LEDGER = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The advisory lock key Prisma Migrate takes, so our runner and `prisma migrate deploy` exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;

export interface LedgerRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

type Queryable = Pick<pg.ClientBase, "query">;

export async function ledgerExists(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`,
  );
  return rows[0]?.exists ?? false;
}

export async function readLedger(db: Queryable): Promise<LedgerRow[]> {
  if (!(await ledgerExists(db))) return [];
  const { rows } = await db.query<LedgerRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return rows;
}
