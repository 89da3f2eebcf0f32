import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = InstanceType<typeof PrismaClient>;
/** A node-postgres pool: the hot paths (job state, backups) speak SQL through it directly. */
export type Pool = pg.Pool;
/** What one statement needs: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** What a pool's error listener hears of a lost connection: never the client or the driver's whole error. */
export interface PoolConnectionError {
  code?: string;
  message: string;
}

export interface DbOptions {
  /** Pool size of the underlying node-postgres pool. */
  max?: number;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
  /**
   * Hears an idle connection's error (a Postgres restart, a failover, `idle_session_timeout`); the pool
   * drops that connection and opens a new one on demand. Without a listener the process would crash.
   * It gets the error's code and message only: node-postgres's error and client carry connection
   * details (the cancel key) and SQL that must not reach a log.
   */
  onError?: (error: PoolConnectionError) => void;
  /** How long to wait for a connection (a new one, or a free one of a busy pool); default 5 s. */
  connectionTimeoutMillis?: number;
  /**
   * How long a statement may go without an answer before the client gives up on it (and the pool
   * drops the connection); default 30 s. It bounds a statement on a connection whose network went
   * silent, which Postgres's own `statement_timeout` cannot (the server never hears of it).
   */
  queryTimeoutMillis?: number;
}

export const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

/** node-postgres settings shared by our pools and Prisma's own (a connection string). */
function poolConfig(connectionString: string, options: DbOptions): pg.PoolConfig {
  return {
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "cckm",
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    query_timeout: options.queryTimeoutMillis ?? DEFAULT_QUERY_TIMEOUT_MS,
    // Lets the kernel find a dead peer under an idle connection (and keeps NATs from dropping it).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/** The code and message of a connection error, and nothing else it holds. */
export function connectionErrorOf(error: unknown): PoolConnectionError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" ? { code, message } : { message };
}

/** A node-postgres pool; pass it to createPrismaClient so Prisma and raw SQL share its connections. */
export function createPool(connectionString: string, options: DbOptions = {}): Pool {
  const pool = new pg.Pool(poolConfig(connectionString, options));
  const onError = options.onError;
  pool.on("error", (error) => onError?.(connectionErrorOf(error)));
  return pool;
}

/**
 * The one way to build a Prisma client: Prisma 7 with the node-postgres driver adapter, on a pool of
 * its own (a connection string, with createPool's settings) or on a shared one (which the caller ends
 * after `$disconnect()`).
 */
export function createPrismaClient(source: string | Pool, options: DbOptions = {}): Db {
  const adapter = new PrismaPg(typeof source === "string" ? poolConfig(source, options) : source);
  return new PrismaClient({ adapter });
}

/**
 * A named statement: node-postgres prepares it once per connection and then only binds and runs it,
 * so Postgres skips parsing and planning on the hot paths. Use as `db.query({ ...STATEMENT, values })`.
 */
export function prepared(name: string, text: string): { name: string; text: string } {
  return { name: `cckm_${name}`, text };
}
