import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = InstanceType<typeof PrismaClient>;
/** A node-postgres pool: the hot paths (job state, backups) speak SQL through it directly. */
export type Pool = pg.Pool;
/** What one statement needs: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

export interface DbOptions {
  /** Pool size of the underlying node-postgres pool. */
  max?: number;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
  /**
   * Hears an idle connection's error (a Postgres restart, a failover, `idle_session_timeout`); the pool
   * drops that connection and opens a new one on demand. Without a listener the process would crash.
   */
  onError?: (error: Error) => void;
}

/** A node-postgres pool; pass it to createPrismaClient so Prisma and raw SQL share its connections. */
export function createPool(connectionString: string, options: DbOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "cckm",
  });
  pool.on("error", options.onError ?? (() => {}));
  return pool;
}

/**
 * The one way to build a Prisma client: Prisma 7 with the node-postgres driver adapter, on a pool of
 * its own (a connection string) or on a shared one (which the caller ends after `$disconnect()`).
 */
export function createPrismaClient(source: string | Pool, options: DbOptions = {}): Db {
  const adapter =
    typeof source === "string"
      ? new PrismaPg({
          connectionString: source,
          max: options.max ?? 10,
          application_name: options.applicationName ?? "cckm",
        })
      : new PrismaPg(source);
  return new PrismaClient({ adapter });
}

/**
 * A named statement: node-postgres prepares it once per connection and then only binds and runs it,
 * so Postgres skips parsing and planning on the hot paths. Use as `db.query({ ...STATEMENT, values })`.
 */
export function prepared(name: string, text: string): { name: string; text: string } {
  return { name: `cckm_${name}`, text };
}
