// `npm run bench:sizing` (full, tens of minutes) or `npm run bench:sizing -- --quick` (a few minutes):
// the figures of docs/operations.md "Scaling". One worker process at a time, at SAP latencies 0, 50 and
// 200 ms and a sweep of WORKER_CONCURRENCY: its jobs/s; the API's requests/s (one process); how many
// SAP requests one delete makes; and the Postgres connections each kind of process holds.
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { cpuSeconds, machineLoad, machineTicks } from "./cpu.ts";
import { type BenchStack, buildBundles, SAP_ADMIN, startBenchStack } from "./stack.ts";
import { pool, round, summary } from "./stats.ts";
import { seedKeys, setSapLatency, settle, submitAll, waitAllEnded } from "./workload.ts";

const quick = process.argv.includes("--quick");
const bundled = !process.argv.includes("--tsx");
const PLAN = quick
  ? { latencies: [0, 50, 200], concurrency: [8, 32], jobs: (ms: number) => (ms >= 200 ? 120 : 200), apiSeconds: 3 }
  : {
      latencies: [0, 50, 200],
      concurrency: [4, 8, 16, 32, 64, 128],
      jobs: (ms: number) => (ms >= 200 ? 1500 : 2000),
      apiSeconds: 15,
    };
const runStarted = performance.now();
const say = (m: string) =>
  process.stderr.write(`[sizing +${Math.round((performance.now() - runStarted) / 1000)}s] ${m}\n`);

/** SAP requests the simulator counted since its last reset (every route, token requests included). */
async function sapRequests(stack: BenchStack, reset = false): Promise<number> {
  const url = `${stack.sapUrl}/admin/requests`;
  const headers = { authorization: `Bearer ${SAP_ADMIN}` };
  if (reset) {
    await fetch(url, { method: "DELETE", headers });
    return 0;
  }
  const { requests } = (await (await fetch(url, { headers })).json()) as { requests: Array<{ total: number }> };
  return requests.reduce((sum, r) => sum + r.total, 0);
}

/** Postgres connections of the stack's database, by application_name (cckm-api, cckm-worker, …). */
async function connectionsByApp(stack: BenchStack): Promise<Record<string, number>> {
  const db = new pg.Client({ connectionString: stack.databaseUrl, application_name: "cckm-bench" });
  await db.connect();
  try {
    const { rows } = await db.query<{ app: string; n: number }>(
      `SELECT application_name AS app, count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE 'cckm-%' AND application_name <> 'cckm-bench'
        GROUP BY 1 ORDER BY 1`,
    );
    return Object.fromEntries(rows.map((r) => [r.app, r.n]));
  } finally {
    await db.end();
  }
}

/**
 * One worker process at `concurrency`: `count` keys seeded (the synchronization runs in that worker),
 * then their deletes from submit to the last DONE.
 */
async function workerPoint(stack: BenchStack, count: number, label: string, concurrency: number) {
  await stack.startWorker(concurrency);
  const keys = await seedKeys(stack, count, label);
  await settle(stack);
  const worker = stack.workers[0]?.process;
  const cpuBefore = worker?.child.pid ? cpuSeconds(worker.child.pid) : 0;
  const ticks = machineTicks();
  await sapRequests(stack, true);
  const { jobIds } = await submitAll(stack, keys, 32);
  const ended = await waitAllEnded(stack, jobIds, 30 * 60_000);
  const seconds = (ended.last.getTime() - ended.first.getTime()) / 1000;
  const connections = await connectionsByApp(stack);
  const point = {
    concurrency,
    jobs: jobIds.length,
    failed: ended.failed,
    seconds: round(seconds, 2),
    jobs_per_s: round(jobIds.length / seconds),
    sap_requests_per_job: round((await sapRequests(stack)) / jobIds.length, 2),
    worker_cpu_s_per_job: worker?.child.pid
      ? round((cpuSeconds(worker.child.pid) - cpuBefore) / jobIds.length, 4)
      : null,
    worker_rss_mb: worker ? round(stack.rssMb(worker)) : null,
    postgres_connections: connections,
    machine: machineLoad(ticks),
  };
  await stack.stopWorkers();
  return point;
}

/** Requests/s of one API process: GET of a job by id, `concurrency` at once, for `seconds`. */
async function apiPoint(stack: BenchStack, jobId: string, seconds: number, concurrency: number) {
  const pid = stack.api.child.pid as number;
  const cpuBefore = cpuSeconds(pid);
  const ticks = machineTicks();
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await pool(
    Array.from({ length: concurrency }, (_, i) => i),
    concurrency,
    async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await stack.call("GET", `/cckm/sap/keys/jobs/${jobId}`);
        if (res.status !== 200) throw new Error(`GET job: ${res.status}`);
        latencies.push(performance.now() - t);
      }
    },
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  return {
    route: "GET /cckm/sap/keys/jobs/{id}",
    concurrency,
    requests: latencies.length,
    requests_per_s: round(latencies.length / elapsed),
    api_cpu_share: round(cpu / elapsed, 2),
    requests_per_api_cpu_s: cpu > 0 ? round(latencies.length / cpu) : null,
    latency: summary(latencies),
    machine: machineLoad(ticks),
  };
}

if (bundled) buildBundles();
const stack = await startBenchStack({ bundled });
const results: Record<string, unknown> = {
  when: new Date().toISOString(),
  mode: quick ? "quick" : "full",
  apps: bundled ? "bundled (node dist/main.mjs)" : "tsx (sources)",
  machine: { cpus: cpus().length, memory_gb: round(totalmem() / 2 ** 30) },
  note: "one worker process per point; the machine may be shared (see machine.busy_pct of each point)",
};
try {
  const perLatency: Record<string, unknown> = {};
  for (const latencyMs of PLAN.latencies) {
    await setSapLatency(stack, latencyMs);
    const points = [];
    for (const concurrency of PLAN.concurrency) {
      const label = `size-${latencyMs}-${concurrency}`;
      say(`SAP latency ${latencyMs} ms, WORKER_CONCURRENCY ${concurrency}`);
      const point = await workerPoint(stack, PLAN.jobs(latencyMs), label, concurrency);
      say(`  ${point.jobs_per_s} jobs/s, ${point.sap_requests_per_job} SAP requests per job`);
      points.push(point);
    }
    const best = points.reduce((a, b) => (b.jobs_per_s > a.jobs_per_s ? b : a));
    perLatency[`${latencyMs}ms`] = { best: { concurrency: best.concurrency, jobs_per_s: best.jobs_per_s }, points };
  }
  results.worker = perLatency;
  await setSapLatency(stack, 0);
  say("API requests/s");
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const job = (await db.query<{ id: string }>("SELECT id FROM sap_key_jobs LIMIT 1")).rows[0]?.id;
  await db.end();
  if (!job) throw new Error("no job to read");
  results.api = await apiPoint(stack, job, PLAN.apiSeconds, 16);
  results.api_idle_postgres_connections = await connectionsByApp(stack);
} finally {
  await stack.stop();
}
const out = JSON.stringify(results, null, 2);
process.stdout.write(`${out}\n`);
const dir = join(import.meta.dirname, "..", "results");
await mkdir(dir, { recursive: true });
const file = join(dir, `${new Date().toISOString().slice(0, 10)}-sizing-${quick ? "quick" : "full"}.json`);
await writeFile(file, `${out}\n`);
say(`written to ${file}`);
