// `npm run bench` (about five minutes) or `npm run bench -- --quick` (about one minute): measures the
// real pipeline (HTTP → Postgres → BullMQ → worker → simulator → Postgres) and prints JSON figures.
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { createQueue, KEY_JOBS_QUEUE } from "@cckm/queue";
import { Redis } from "ioredis";
import pg from "pg";
import { bullmqNoop, postgresFloor } from "./baselines.ts";
import { machineLoad, machineTicks } from "./cpu.ts";
import { fillJobs, listLatency } from "./list-scale.ts";
import { buildBundles, startBenchStack } from "./stack.ts";
import { round, summary } from "./stats.ts";
import { jobLatencies, seedKeys, setSapLatency, settle, submitAll, waitAllEnded } from "./workload.ts";

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
    };
const CONCURRENCY = 8;
const runStarted = performance.now();
const say = (m: string) =>
  process.stderr.write(`[bench +${Math.round((performance.now() - runStarted) / 1000)}s] ${m}\n`);

async function throughput(stack: Awaited<ReturnType<typeof startBenchStack>>, keys: string[]) {
  const started = performance.now();
  const ticks = machineTicks();
  const { jobIds, postMs } = await submitAll(stack, keys, 32);
  const submitSeconds = (performance.now() - started) / 1000;
  const ended = await waitAllEnded(stack, jobIds, 30 * 60_000);
  const seconds = (ended.last.getTime() - ended.first.getTime()) / 1000;
  return {
    jobs: jobIds.length,
    failed: ended.failed,
    seconds: round(seconds, 2),
    jobs_per_s: round(jobIds.length / seconds),
    submit_per_s: round(jobIds.length / submitSeconds),
    post: summary(postMs),
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
  say(`seeding ${SIZES.jobs + SIZES.jobsSlow + SIZES.rate * SIZES.rateSeconds + SIZES.compare} keys`);
  const keys = await seedKeys(stack, SIZES.jobs, "tp");
  const slowKeys = await seedKeys(stack, SIZES.jobsSlow, "slow");
  const rateKeys = await seedKeys(stack, SIZES.rate * SIZES.rateSeconds, "rate");
  const oneWorkerKeys = await seedKeys(stack, SIZES.compare, "one");

  await settle(stack);
  say("one worker process");
  results.throughput_one_worker = await throughput(stack, oneWorkerKeys);
  say("two worker processes");
  await stack.startWorker(CONCURRENCY);
  await settle(stack);
  results.throughput_two_workers = await throughput(stack, keys);

  await settle(stack);
  say(`fixed load: ${SIZES.rate} jobs/s for ${SIZES.rateSeconds} s`);
  const postMs: number[] = [];
  const jobIds: string[] = [];
  const interval = 1000 / SIZES.rate;
  const t0 = performance.now();
  const ticks = machineTicks();
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
  results.latency_at_fixed_load = {
    offered_jobs_per_s: SIZES.rate,
    post: summary(postMs),
    submit_to_done: summary(await jobLatencies(stack, jobIds)),
    machine: machineLoad(ticks),
  };

  await stack.stopWorkers().then(() => Promise.all([stack.startWorker(), stack.startWorker()])); // the default concurrency
  await settle(stack);
  say("with the simulator at 50 ms per call");
  await setSapLatency(stack, 50);
  results.throughput_sap_50ms = await throughput(stack, slowKeys);

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

  const floor = (results.baseline_postgres_three_commits as { jobs_per_s: number }).jobs_per_s;
  const e2e = (results.throughput_two_workers as { jobs_per_s: number }).jobs_per_s;
  results.targets = {
    e2e_vs_postgres_floor: round(e2e / floor, 2),
    e2e_at_least_half_of_floor: e2e >= floor / 2,
    e2e_at_least_1000_per_s: e2e >= 1000,
    fixed_load_p99_within_50ms:
      (results.latency_at_fixed_load as { submit_to_done: { p99_ms: number } }).submit_to_done.p99_ms <= 50,
    post_p99_within_10ms: (results.latency_at_fixed_load as { post: { p99_ms: number } }).post.p99_ms <= 10,
    list_p99_within_20ms:
      (results.job_list as { first_page: { p99_ms: number }; filtered_page: { p99_ms: number } }).first_page.p99_ms <=
        20 && (results.job_list as { filtered_page: { p99_ms: number } }).filtered_page.p99_ms <= 20,
    worker_rss_within_250mb: (results.worker_rss_with_backlog as { rss_mb_max: number }).rss_mb_max <= 250,
  };
} finally {
  await stack.stop();
}

const out = join(process.cwd(), "bench", "results");
await mkdir(out, { recursive: true });
await writeFile(join(out, quick ? "latest-quick.json" : "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
