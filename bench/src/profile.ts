// `npm run bench:profile [-- --jobs N] [--concurrency C] [--tsx]`: where the CPU goes. N delete jobs (2,000 by default) through the stack
// (one worker process at concurrency 8, the simulator at zero latency) with every node process under
// --cpu-prof; prints CPU ms per job for each process (from /proc, over the measured window only) and,
// per node process, its profile's self time by package (over its life: the API's and the simulator's
// include the seeding; the measuring worker's is the window alone).
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { cpuSeconds, pidsNamed, profileByOwner } from "./cpu.ts";
import { buildBundles, startBenchStack } from "./stack.ts";
import { round } from "./stats.ts";
import { seedKeys, submitAll, waitAllEnded } from "./workload.ts";

const jobsArg = process.argv.indexOf("--jobs");
const JOBS = jobsArg > 0 ? Number(process.argv[jobsArg + 1]) : 2000;
const concurrencyArg = process.argv.indexOf("--concurrency"); // 8 by default, as in the profiles before
const CONCURRENCY = concurrencyArg > 0 ? Number(process.argv[concurrencyArg + 1]) : 8;
const bundled = !process.argv.includes("--tsx");
const say = (m: string) => process.stderr.write(`[profile] ${m}\n`);

if (bundled) buildBundles();
const dir = await mkdtemp(join(tmpdir(), "cckm-profile-"));
const stack = await startBenchStack({ bundled, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
const result: Record<string, unknown> = {
  jobs: JOBS,
  worker_concurrency: CONCURRENCY,
  apps: bundled ? "bundled" : "tsx",
  profiles_in: dir,
};
try {
  await stack.startWorker(CONCURRENCY);
  say(`seeding ${JOBS} keys`);
  const keys = await seedKeys(stack, JOBS, "profile");
  // A fresh worker for the window, so its profile holds the jobs alone.
  await stack.stopWorkers();
  await stack.startWorker(CONCURRENCY);
  const worker = stack.workers[0]?.process.child.pid as number;
  const sums = () => ({
    api: cpuSeconds(stack.api.child.pid as number),
    worker: cpuSeconds(worker),
    simulator: cpuSeconds(stack.sap.child.pid as number),
    postgres: pidsNamed("postgres").reduce((s, pid) => s + cpuSeconds(pid), 0),
    redis: pidsNamed("redis-server").reduce((s, pid) => s + cpuSeconds(pid), 0),
    bench_client: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
  });
  // The machine's Postgres (and Redis) may serve others too: the bench database's own backends apart.
  const pgAdmin = new pg.Client({ connectionString: stack.databaseUrl });
  await pgAdmin.connect();
  const benchBackends = async () =>
    new Map(
      (
        await pgAdmin.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
      ).rows.map((r) => [r.pid, cpuSeconds(r.pid)]),
    );
  say(`running ${JOBS} delete jobs`);
  const backendsBefore = await benchBackends();
  const before = sums();
  const started = performance.now();
  const { jobIds } = await submitAll(stack, keys, 32);
  await waitAllEnded(stack, jobIds, 30 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  const after = sums();
  const backendsAfter = await benchBackends();
  await pgAdmin.end();
  let benchBackendSeconds = 0; // a backend that closed inside the window is missed: a lower bound
  for (const [pid, cpu] of backendsAfter) benchBackendSeconds += cpu - (backendsBefore.get(pid) ?? 0);
  const perJob = Object.fromEntries(
    Object.entries(after).map(([k, v]) => [k, round(((v - before[k as keyof typeof before]) * 1000) / JOBS, 2)]),
  );
  const total = Object.values(perJob).reduce((s, v) => s + v, 0);
  Object.assign(result, {
    seconds: round(seconds, 2),
    jobs_per_s: round(JOBS / seconds),
    cpu_ms_per_job: { ...perJob, total: round(total, 2) },
    postgres_bench_database_backends_ms_per_job: round((benchBackendSeconds * 1000) / JOBS, 2),
  });
  result.pids = { api: stack.api.child.pid, worker, simulator: stack.sap.child.pid };
} finally {
  await stack.stop();
}

// Profiles are written as each process exits: CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile
const pids = result.pids as Record<string, number> | undefined;
const profiles: Record<string, Array<{ owner: string; ms_per_job: number }>> = {};
for (const file of await readdir(dir)) {
  const pid = Number(file.split(".")[3]);
  const name = Object.entries(pids ?? {}).find(([, p]) => p === pid)?.[0];
  if (!name) continue;
  profiles[name] = profileByOwner(join(dir, file))
    .slice(0, 12)
    .map((o) => ({ owner: o.owner, ms_per_job: round(o.ms / JOBS, 3) }));
}
result.profile_self_time_by_package = profiles;
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
