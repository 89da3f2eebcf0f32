import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { localSecrets } from "./local-secrets.ts";
import { canConnect } from "./pg-probe.ts";

export interface ResolvedPostgres {
  /** The stack's database (`database` of the choice), or the admin database when none was asked for. */
  url: string;
  /** An admin connection to the same server (to create and drop databases). */
  adminUrl: string;
  source: string;
  stop(): Promise<void>;
}

const DATABASE = "cckm";

export interface PostgresChoice {
  /** DATABASE_URL when the user set it: used as it is. */
  configured: string | undefined;
  /** The variable `configured` came from, for messages (default DATABASE_URL). */
  configuredName?: string;
  /** `configured` is an admin connection (the tests', the bench's): `database` is made on its server. */
  configuredIsAdmin?: boolean;
  /** Admin URL of the local server to try next. */
  localAdminUrl: string;
  embeddedPort: number;
  dataDir: string;
  /** The database to use on the server found or started, created when missing; null: the admin one. */
  database?: string | null;
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

async function onDatabase(adminUrl: string, database: string | null): Promise<string> {
  if (database === null) return adminUrl;
  await ensureDatabase(adminUrl, database);
  return withDatabase(adminUrl, database);
}

async function startEmbedded(
  choice: PostgresChoice,
  database: string | null,
  log: (m: string) => void,
): Promise<ResolvedPostgres> {
  const { dataDir, embeddedPort: port } = choice;
  const dir = join(dataDir, "postgres");
  await mkdir(dataDir, { recursive: true });
  // Only this machine's loopback reaches it; a random password (kept 0600 in the data dir) keeps
  // other local users out.
  const { postgresPassword } = await localSecrets(dataDir);
  const server = await startEmbeddedPostgres({ dir, port, password: postgresPassword, log });
  const url = await onDatabase(server.adminUrl, database).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  return {
    url,
    adminUrl: server.adminUrl,
    source: `embedded Postgres on port ${port} (data in ${dir})`,
    stop: server.stop,
  };
}

/** DATABASE_URL if set; else the local server; else an embedded Postgres under the data dir. */
export async function resolvePostgres(choice: PostgresChoice, log: (m: string) => void): Promise<ResolvedPostgres> {
  const none = async () => {};
  const database = choice.database === undefined ? DATABASE : choice.database;
  if (choice.configured) {
    if (!(await canConnect(choice.configured))) {
      const name = choice.configuredName ?? "DATABASE_URL";
      throw new Error(`${name} is set but Postgres does not answer there (${new URL(choice.configured).host})`);
    }
    const source = choice.configuredName ?? "DATABASE_URL";
    if (!choice.configuredIsAdmin) return { url: choice.configured, adminUrl: choice.configured, source, stop: none };
    const url = await onDatabase(choice.configured, database);
    return { url, adminUrl: choice.configured, source, stop: none };
  }
  if (await canConnect(choice.localAdminUrl)) {
    const host = new URL(choice.localAdminUrl).host;
    const url = await onDatabase(choice.localAdminUrl, database);
    return { url, adminUrl: choice.localAdminUrl, source: `local Postgres on ${host}`, stop: none };
  }
  return startEmbedded(choice, database, log);
}
