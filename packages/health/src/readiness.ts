import { type MigrationFile, pendingMigrations, readMigrations } from "@cckm/db";
import { createRedisConnection, type RedisTarget, serversOf, standaloneTarget } from "@cckm/queue";
import pg from "pg";

export interface CheckResult {
  ok: boolean;
  error?: string;
}

export interface ReadinessReport {
  ok: boolean;
  checks: { postgres: CheckResult; redis: CheckResult; migrations: CheckResult };
}

export interface ReadinessProbe {
  check(): Promise<ReadinessReport>;
  close(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** /readyz is unauthenticated: say what failed by its code, not with hosts, ports or users. */
const failure = (error: unknown): CheckResult => {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string" && code.length > 0) return { ok: false, error: code };
  return {
    ok: false,
    error: error instanceof Error && /did not answer/.test(error.message) ? error.message : "unreachable",
  };
};

/**
 * Postgres reachable, Redis reachable, every migration on disk applied. Its own small
 * connections: a busy application pool does not make the service look dead, and both
 * reconnect on their own, so readiness turns green again when a dependency returns.
 */
export async function createReadinessProbe(options: {
  databaseUrl: string;
  /** A standalone server's URL, or the deployment's target (a cluster: every master must answer). */
  redis: RedisTarget | string;
  migrations?: MigrationFile[];
}): Promise<ReadinessProbe> {
  const migrations = options.migrations ?? (await readMigrations());
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 1,
    connectionTimeoutMillis: CHECK_TIMEOUT_MS,
    application_name: "cckm-readiness",
  });
  pool.on("error", () => {}); // an idle client lost with the server: the next check reports it
  const target = typeof options.redis === "string" ? standaloneTarget(options.redis) : options.redis;
  const redis = createRedisConnection(target, "probe", "cckm-readiness");
  redis.on("error", () => {}); // reported through the check, not as an unhandled event

  async function checkPostgres(): Promise<[CheckResult, CheckResult]> {
    try {
      const pending = await withTimeout(pendingMigrations(pool, migrations), "postgres");
      const migrationsResult: CheckResult =
        pending.length === 0 ? { ok: true } : { ok: false, error: `pending migrations: ${pending.join(", ")}` };
      return [{ ok: true }, migrationsResult];
    } catch (error) {
      return [failure(error), { ok: false, error: "unknown while postgres is unreachable" }];
    }
  }

  async function checkRedis(): Promise<CheckResult> {
    try {
      if (redis.status === "wait" || redis.status === "end") await withTimeout(redis.connect(), "redis");
      // A cluster is ready when it says so and every master answers (no replicas: a master away is
      // a range of slots that takes no job).
      if (target.mode === "cluster") {
        const info = await withTimeout(redis.cluster("INFO"), "redis");
        if (!/cluster_state:ok/.test(String(info))) return { ok: false, error: "CLUSTERDOWN" };
      }
      await withTimeout(Promise.all(serversOf(redis).map((server) => server.ping())), "redis");
      return { ok: true };
    } catch (error) {
      return failure(error);
    }
  }

  return {
    async check() {
      const [[postgres, migrationsCheck], redisCheck] = await Promise.all([checkPostgres(), checkRedis()]);
      const checks = { postgres, redis: redisCheck, migrations: migrationsCheck };
      return { ok: postgres.ok && redisCheck.ok && migrationsCheck.ok, checks };
    },
    async close() {
      redis.disconnect();
      await pool.end();
    },
  };
}
