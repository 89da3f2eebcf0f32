import pg from "pg";
import { cpuSeconds, pidsNamed } from "./cpu.ts";

/** The processes whose CPU a phase counts, by role, looked up when the window opens and closes. */
export type CpuRoles = Record<string, () => number[] | Promise<number[]>>;

/**
 * Postgres's processes that serve the bench's database: its backends (pooled connections of the
 * pipeline under test, the bench's own probes) and the server's background processes (WAL writer,
 * checkpointer, …), not the backends of other databases on a shared server.
 */
export async function postgresPids(databaseUrl: string): Promise<number[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() OR backend_type <> 'client backend'`,
    );
    return rows.map((r) => r.pid);
  } finally {
    await db.end();
  }
}

/** Redis's server processes (a shared server's other clients count too: a small share here). */
export const redisPids = () => pidsNamed("redis-server");

async function snapshot(roles: CpuRoles): Promise<Record<string, Map<number, number>>> {
  const out: Record<string, Map<number, number>> = {};
  for (const [role, pids] of Object.entries(roles)) {
    out[role] = new Map((await pids()).map((pid) => [pid, cpuSeconds(pid)]));
  }
  return out;
}

/**
 * Opens a CPU window: `close(jobs)` answers each role's CPU ms per job since it opened (a process
 * that started meanwhile counts from zero; one that ended meanwhile is lost, so roles should be
 * long-lived processes), and the bench process's own as `bench_client`.
 */
export async function openCpuWindow(roles: CpuRoles) {
  const before = await snapshot(roles);
  const ownBefore = process.cpuUsage();
  return {
    async close(jobs: number): Promise<Record<string, number>> {
      const after = await snapshot(roles);
      const own = process.cpuUsage(ownBefore);
      const perJob: Record<string, number> = {};
      for (const [role, pids] of Object.entries(after)) {
        let seconds = 0;
        for (const [pid, now] of pids) seconds += Math.max(0, now - (before[role]?.get(pid) ?? 0));
        perJob[role] = Math.round(((seconds * 1000) / jobs) * 100) / 100;
      }
      perJob.bench_client = Math.round(((own.user + own.system) / 1000 / jobs) * 100) / 100;
      return perJob;
    },
  };
}
