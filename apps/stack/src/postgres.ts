import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { localSecrets } from "./local-secrets.ts";
import { canConnect } from "./pg-probe.ts";

export interface ResolvedPostgres {
  url: string;
  source: string;
  stop(): Promise<void>;
}

const DATABASE = "cckm";

export interface PostgresChoice {
  /** DATABASE_URL when the user set it. */
  configured: string | undefined;
  /** Admin URL of the local server to try next. */
  localAdminUrl: string;
  embeddedPort: number;
  dataDir: string;
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

async function startEmbedded(dataDir: string, port: number, log: (m: string) => void): Promise<ResolvedPostgres> {
  const dir = join(dataDir, "postgres");
  await mkdir(dataDir, { recursive: true });
  // Only this machine's loopback reaches it; a random password (kept 0600 in the data dir) keeps
  // other local users out.
  const { postgresPassword } = await localSecrets(dataDir);
  const server = await startEmbeddedPostgres({ dir, port, password: postgresPassword, log });
  await ensureDatabase(server.adminUrl, DATABASE);
  return {
    url: withDatabase(server.adminUrl, DATABASE),
    source: `embedded Postgres on port ${port} (data in ${dir})`,
    stop: server.stop,
  };
}

/** DATABASE_URL if set; else the local server; else an embedded Postgres under the data dir. */
export async function resolvePostgres(choice: PostgresChoice, log: (m: string) => void): Promise<ResolvedPostgres> {
  const none = async () => {};
  if (choice.configured) {
    if (!(await canConnect(choice.configured))) {
      throw new Error(`DATABASE_URL is set but Postgres does not answer there (${new URL(choice.configured).host})`);
    }
    return { url: choice.configured, source: "DATABASE_URL", stop: none };
  }
  if (await canConnect(choice.localAdminUrl)) {
    await ensureDatabase(choice.localAdminUrl, DATABASE);
    const host = new URL(choice.localAdminUrl).host;
    return { url: withDatabase(choice.localAdminUrl, DATABASE), source: `local Postgres on ${host}`, stop: none };
  }
  return startEmbedded(choice.dataDir, choice.embeddedPort, log);
}
