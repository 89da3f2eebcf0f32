// `npm run bench` or `npm run bench -- --quick`: measures the real pipeline (HTTP → Postgres → BullMQ →
// worker → simulator → Postgres) and its graphile-worker peer in the same run, prints JSON figures and
// writes them with a chart (SVG) to bench/results/.
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { createQueue, KEY_JOBS_QUEUE } from "@cckm/queue";
import { Redis } from "ioredis";
import pg from "pg";
import { bullmqNoop, postgresFloor } from "./baselines.ts";
import { renderChart } from "./chart.ts";
import { machineLoad, machineTicks } from "./cpu.ts";
import { openCpuWindow, postgresPids, redisPids } from "./cpu-window.ts";
import { fillJobs, listLatency } from "./list-scale.ts";
import { buildPeerBundles, startPeer } from "./peer.ts";
import { buildBundles, startBenchStack } from "./stack.ts";
import { round, summary } from "./stats.ts";
import { targetsOf } from "./targets.ts";
import { tenantLimitPhase } from "./tenant-limit-phase.ts";
import { type Pipeline, throughput } from "./throughput.ts";
import { jobLatencies, seedKeys, seedSapKeys, setSapLatency, settle, submitAll, waitAllEnded } from "./workload.ts";

const quick = process.argv.includes("--quick");
// The apps run bundled with plain node, as in the containers; `--tsx` runs their sources as `npm start` does.
const bundled = !process.argv.includes("--tsx");
const SIZES = quick
  ? {
      jobs: 500,
      jobsSlow: 200,
      rate: 100,
      rateSeconds: 5,
      baseline: 5000,
      listRows: 100_000,
      listRequests: 100,
      backlog: 10_000,
      compare: 300,
      // Well below what four workers do at zero latency even on a busy box, so the limit is what holds them.
      tenantLimit: 50,
      tenantJobs: 350,
      tenantFaultJobs: 100,
    }
  : {
      jobs: 10_000,
      jobsSlow: 1000,
      rate: 100,
      rateSeconds: 20,
      baseline: 20_000,
      listRows: 1_000_000,
      listRequests: 300,
      backlog: 100_000,
      compare: 2000,
      tenantLimit: 200,
      tenantJobs: 3000,
      tenantFaultJobs: 1000,
    };
const CONCURRENCY = 8;
const runStarted = performance.now();
const say = (m: string) =>
  process.stderr.write(`[bench +${Math.round((performance.now() - runStarted) / 1000)}s] ${m}\n`);

/** The orchestrator as the bench drives it: its API and workers, Postgres and Redis its own CPU. */
const ours = (stack: Awaited<ReturnType<typeof startBenchStack>>): Pipeline => ({
  submitAll: (ids, concurrency) => submitAll(stack, ids, concurrency),
  waitAllEnded: (jobIds, timeoutMs) => waitAllEnded(stack, jobIds, timeoutMs),
  cpu: {
    own: {
      api: () => [stack.api.child.pid as number],
      workers: () => stack.workers.map((w) => w.process.child.pid as number),
      postgres: () => postgresPids(stack.databaseUrl),
      redis: redisPids,
    },
    apart: { simulator: () => [stack.sap.child.pid as number] },
  },
});

if (bundled) {
  buildBundles();
  buildPeerBundles();
}
const stack = await startBenchStack({ bundled });
const results: Record<string, unknown> = {
  when: new Date().toISOString(),
  mode: quick ? "quick" : "full",
  apps: bundled ? "bundled (node dist/main.mjs)" : "tsx (sources)",
  machine: { cpus: cpus().length, memory_gb: round(totalmem() / 2 ** 30) },
  worker_concurrency: CONCURRENCY,
};
try {
  say("baselines");
  results.baseline_bullmq_noop = await bullmqNoop(
    stack.redisUrl,
    `{cckmbench-noop-${randomUUID().slice(0, 6)}}`,
    SIZES.baseline,
    CONCURRENCY * 2,
  );
  results.baseline_postgres_three_commits = await postgresFloor(stack.databaseUrl, SIZES.baseline, CONCURRENCY * 2);

  // A worker runs the synchronizations that bring the seeded keys into the inventory.
  await stack.startWorker(CONCURRENCY);
  const seeded = SIZES.jobs + SIZES.jobsSlow + SIZES.rate * SIZES.rateSeconds + SIZES.compare;
  say(`seeding ${seeded + SIZES.tenantJobs + SIZES.tenantFaultJobs} keys, and ${SIZES.jobs} for the peer`);
  const seedStarted = performance.now();
  const keys = await seedKeys(stack, SIZES.jobs, "tp");
  const slowKeys = await seedKeys(stack, SIZES.jobsSlow, "slow");
  const rateKeys = await seedKeys(stack, SIZES.rate * SIZES.rateSeconds, "rate");
  const oneWorkerKeys = await seedKeys(stack, SIZES.compare, "one");
  const tenantKeys = await seedKeys(stack, SIZES.tenantJobs, "tenant");
  const tenantFaultKeys = await seedKeys(stack, SIZES.tenantFaultJobs, "tenant429");
  const peerKeys = (await seedSapKeys(stack, SIZES.jobs, "peer")).ids;
  results.seeding = {
    keys: seeded + SIZES.tenantJobs + SIZES.tenantFaultJobs + SIZES.jobs,
    seconds: round((performance.now() - seedStarted) / 1000, 1),
  };

  await settle(stack);
  say("one worker process");
  results.throughput_one_worker = await throughput(ours(stack), oneWorkerKeys);
  say("two worker processes");
  await stack.startWorker(CONCURRENCY);
  await settle(stack);
  results.throughput_two_workers = await throughput(ours(stack), keys);

  say("the peer (graphile-worker), two worker processes");
  await stack.stopWorkers(); // the machine the peer's alone (the API idles)
  await settle(stack);
  const peer = await startPeer(stack, { workers: 2, concurrency: CONCURRENCY, bundled });
  try {
    const run = await throughput(
      {
        submitAll: (ids, concurrency) => peer.submitAll(ids, concurrency),
        waitAllEnded: (jobIds, timeoutMs) => peer.waitAllEnded(jobIds, timeoutMs),
        cpu: {
          own: {
            api: () => [peer.api.child.pid as number],
            workers: () => peer.workers.map((w) => w.child.pid as number),
            postgres: () => postgresPids(stack.databaseUrl),
          },
          apart: { simulator: () => [stack.sap.child.pid as number] },
        },
      },
      peerKeys,
    );
    results.peer = {
      name: "graphile-worker 0.16 (bench/peers/graphile)",
      workers: 2,
      concurrency: CONCURRENCY,
      jobs_per_s: run.jobs_per_s,
      cpu_ms_per_job: run.cpu_ms_per_job.pipeline,
      throughput_two_workers: run,
    };
  } finally {
    await peer.stop();
  }
  await stack.startWorker(CONCURRENCY);
  await stack.startWorker(CONCURRENCY);

  await settle(stack);
  say(`fixed load: ${SIZES.rate} jobs/s for ${SIZES.rateSeconds} s`);
  const postMs: number[] = [];
  const jobIds: string[] = [];
  const interval = 1000 / SIZES.rate;
  const t0 = performance.now();
  const ticks = machineTicks();
  const fixedCpu = await openCpuWindow({ ...ours(stack).cpu.own, ...ours(stack).cpu.apart });
  await Promise.all(
    rateKeys.map(async (id, i) => {
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + i * interval - performance.now())));
      const started = performance.now();
      const res = await stack.call("POST", "/cckm/sap/keys/jobs", { id, operation: "delete" });
      postMs.push(performance.now() - started);
      jobIds.push(res.body.id);
    }),
  );
  await waitAllEnded(stack, jobIds, 10 * 60_000);
  const fixedCpuPerJob = await fixedCpu.close(jobIds.length);
  results.latency_at_fixed_load = {
    offered_jobs_per_s: SIZES.rate,
    post: summary(postMs),
    submit_to_done: summary(await jobLatencies(stack, jobIds)),
    // Per process, as in the throughput phases: what a job costs when jobs come one at a time.
    cpu_ms_per_job: fixedCpuPerJob,
    machine: machineLoad(ticks),
  };

  await stack.stopWorkers().then(() => Promise.all([stack.startWorker(), stack.startWorker()])); // the default concurrency
  await settle(stack);
  say("with the simulator at 50 ms per call");
  await setSapLatency(stack, 50);
  results.throughput_sap_50ms = await throughput(ours(stack), slowKeys);

  await setSapLatency(stack, 0);
  say(`SAP tenant rate limit: ${SIZES.tenantLimit} requests/s over four workers`);
  await settle(stack);
  results.tenant_rate_limit = await tenantLimitPhase(stack, {
    limit: SIZES.tenantLimit,
    workers: 4,
    concurrency: CONCURRENCY,
    keys: tenantKeys,
    faultKeys: tenantFaultKeys,
  });

  say(`worker RSS with a backlog of ${SIZES.backlog}`);
  await stack.stopWorkers();
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const { rows: backlogJobs } = await db.query<{ id: string; job_id: string }>(
    `WITH k AS (
       INSERT INTO sap_keys (id, connection_id, group_id, sap_key_id, name, type, updated_at)
       SELECT gen_random_uuid(), (SELECT connection_id FROM sap_groups LIMIT 1), (SELECT id FROM sap_groups LIMIT 1),
              gen_random_uuid()::text, 'backlog-' || g, 'AES', now() FROM generate_series(1, $1::int) g RETURNING id, sap_key_id)
     INSERT INTO sap_key_jobs (id, cckm_key_id, group_id, job_id, key_id, operation, creator_id, creator_name, updated_at)
     SELECT gen_random_uuid(), k.id, 'g', gen_random_uuid()::text, k.sap_key_id, 'delete', 'bench', 'bench', now() FROM k
     RETURNING id, job_id`,
    [SIZES.backlog],
  );
  await db.end();
  const producer = new Redis(stack.redisUrl);
  const queue = createQueue(KEY_JOBS_QUEUE, producer, { prefix: stack.prefix, attempts: 1, backoffMs: 1000 }, () => {});
  for (let i = 0; i < backlogJobs.length; i += 1000) {
    await queue.addBulk(
      backlogJobs.slice(i, i + 1000).map((j) => ({ name: "delete", data: { jobId: j.id }, opts: { jobId: j.job_id } })),
    );
  }
  await stack.startWorker(CONCURRENCY);
  const worker = stack.workers[0]?.process;
  const samples: number[] = [];
  for (let i = 0; i < 30 && worker; i++) {
    samples.push(stack.rssMb(worker));
    await new Promise((r) => setTimeout(r, 500));
  }
  const waiting = await queue.getWaitingCount();
  results.worker_rss_with_backlog = {
    backlog: SIZES.backlog,
    still_waiting: waiting,
    rss_mb_max: round(Math.max(...samples)),
    rss_mb_last: round(samples.at(-1) ?? 0),
  };
  await queue.close();
  producer.disconnect();
  await stack.stopWorkers();
  await setSapLatency(stack, 0);

  say(`job list with ${SIZES.listRows} rows`);
  await fillJobs(stack, keys, SIZES.listRows);
  await settle(stack); // the fill's dirty pages written out before the list is timed
  const listTicks = machineTicks();
  results.job_list = { rows: SIZES.listRows, ...(await listLatency(stack, SIZES.listRequests)) };
  (results.job_list as Record<string, unknown>).machine = machineLoad(listTicks);

  results.targets = targetsOf(results);
} finally {
  await stack.stop();
}

const out = join(process.cwd(), "bench", "results");
await mkdir(out, { recursive: true });
const name = quick ? "latest-quick" : "latest";
await writeFile(join(out, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
await writeFile(join(out, `${name}.svg`), await renderChart(results));
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
