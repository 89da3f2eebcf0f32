import { startRedisServer, startTcpProxy, type TcpProxy } from "@cckm/testkit";
import pg from "pg";

/** The run's own database on the local server (or the one a test made). */
export interface ChaosDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createChaosDatabase(adminUrl: string): Promise<ChaosDatabase> {
  const name = `cckm_chaos_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A redis-server the run flushes, kills and starts again on the same port. */
export class ChaosRedis {
  private constructor(
    private server: Awaited<ReturnType<typeof startRedisServer>>,
    readonly url: string,
  ) {}

  static async start(): Promise<ChaosRedis> {
    const server = await startRedisServer();
    return new ChaosRedis(server, server.url);
  }

  get port(): number {
    return this.server.port;
  }

  /** SIGKILL (in memory, no persistence: everything is lost), then the same port again after `downMs`. */
  async kill(restartAfter: () => Promise<void>): Promise<void> {
    const port = this.server.port;
    await this.server.stop();
    await restartAfter();
    this.server = await startRedisServer({ port });
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}

/** A proxy in front of the local Postgres that the apps go through, so the run can cut or stall it. */
export async function postgresProxy(databaseUrl: string): Promise<TcpProxy> {
  return startTcpProxy(Number(new URL(databaseUrl).port || 5432));
}

/** The run's own connection to its database (straight, not through the proxy), for watching and chaos. */
export function observer(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, application_name: "cckm-chaos" });
  pool.on("error", () => {});
  return pool;
}
