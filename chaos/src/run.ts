import { randomBytes } from "node:crypto";
import { SAP_ADMIN, SAP_KEY, SAP_SECRET, startBenchStack } from "@cckm/bench/src/stack.ts";
import { createKeyring } from "@cckm/crypto";
import { checkInvariant } from "@cckm/invariant";
import { SapClients } from "@cckm/inventory";
import { SapKmsClient } from "@cckm/sap-kms-client";
import { compareFingerprints, emptyFingerprints } from "./fingerprints.ts";
import { type ChaosDatabase, ChaosRedis, observer, postgresProxy } from "./infra.ts";
import { Monkey } from "./monkey.ts";
import { lastFailed, type Submission, type SubmitCounts, submitAll, synchronize, waitForJobs } from "./operator.ts";
import type { ChaosOptions } from "./options.ts";
import { Prng } from "./prng.ts";
import { SapAdmin } from "./sap-admin.ts";
import { seedKeys } from "./seed.ts";
import { type ChaosSummary, summarize } from "./summary.ts";

/** What the API and the workers run with: short timeouts and backoff, so the chaos is felt quickly. */
const APP_ENV = {
  LOG_LEVEL: "warn",
  SAP_KMS_TIMEOUT_MS: "2000",
  JOB_BACKOFF_MS: "200",
  WORKER_LOCK_DURATION_MS: "5000",
  WORKER_STALLED_INTERVAL_MS: "2000",
  RECONCILE_INTERVAL_MS: "1000",
  RECONCILE_GRACE_MS: "3000",
  SHUTDOWN_TIMEOUT_MS: "3000",
};

export interface PassReport extends SubmitCounts {
  name: string;
  seconds: number;
  /** Jobs still active when the pass's wait ended (0 unless the bound was hit). */
  left_active: number;
}

/**
 * The chaos run: a stack of its own (database, redis-server, a proxy in front of Postgres, the
 * simulator, the API, `workers` workers), `keys` keys seeded on SAP and synchronized in, then delete
 * all, restore all, delete all again through the API while the monkey works; then the faults stop,
 * every job is waited on, keys whose last job FAILED are resubmitted once, and the invariant is checked.
 */
export async function runChaos(options: ChaosOptions & { database: ChaosDatabase }): Promise<ChaosSummary> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const prng = new Prng(options.seed);
  const redis = await ChaosRedis.start();
  const proxy = await postgresProxy(options.database.url);
  const watch = observer(options.database.url);
  const stack = await startBenchStack({
    bundled: false,
    database: options.database,
    redisUrl: redis.url,
    appDatabasePort: proxy.port,
    env: APP_ENV,
    sapEnv: { SAP_KMS_SEED: String(options.seed) },
  }).catch(async (error) => {
    await Promise.allSettled([proxy.close(), redis.stop(), watch.end()]);
    await options.database.drop();
    throw error;
  });
  try {
    for (let i = 0; i < options.workers; i++) await stack.startWorker(options.workerConcurrency);
    const admin = new SapAdmin(stack.sapUrl, SAP_ADMIN);
    // Everything runs on loopback: the run's own clients opt in to private endpoints, as the apps do.
    const sap = new SapKmsClient({
      baseUrl: stack.sapUrl,
      apiKey: SAP_KEY,
      secret: SAP_SECRET,
      timeoutMs: 30_000,
      allowPrivateEndpoints: true,
    });
    log(`seeding ${options.keys} keys`);
    const keys = await seedKeys(sap, admin, prng, options.keys, randomBytes(3).toString("hex"));
    const connection = await stack.call("POST", "/connectionmgmt/services/sap-dc/connections", {
      name: "chaos",
      api_endpoint: stack.sapUrl,
      technical_user: { api_key: SAP_KEY, secret: SAP_SECRET },
    });
    if (connection.status !== 201) throw new Error(`connection refused: ${connection.status}`);
    log("synchronizing");
    await synchronize(stack, "chaos", Date.now() + options.maxWaitMs);
    const ids = new Map(
      (await watch.query<{ id: string; sap_key_id: string }>("SELECT id, sap_key_id FROM sap_keys")).rows.map((r) => [
        r.sap_key_id,
        r.id,
      ]),
    );
    for (const key of keys) key.cckmKeyId = ids.get(key.sapKeyId) ?? "";
    if (keys.some((k) => k.cckmKeyId === "")) throw new Error("the synchronization missed seeded keys");

    const monkey = new Monkey({
      stack,
      redis,
      proxy,
      observer: watch,
      admin,
      prng,
      workers: options.workers,
      workerConcurrency: options.workerConcurrency,
      maxEvents: options.maxEvents,
      durationMs: options.durationMs,
      gapMs: options.gapMs,
      log,
    });
    const chaosStart = Date.now();
    await monkey.start();
    const passes: PassReport[] = [];
    const restored = emptyFingerprints();
    const pass = async (name: string, jobs: Submission[]) => {
      const t0 = Date.now();
      log(`pass ${name}: ${jobs.length} jobs`);
      const deadline = Date.now() + options.maxWaitMs;
      const counts = await submitAll(stack, jobs, deadline);
      const left = await waitForJobs(watch, deadline);
      passes.push({ name, ...counts, seconds: Math.round((Date.now() - t0) / 100) / 10, left_active: left });
    };
    const deletes = keys.map((k) => ({
      id: k.cckmKeyId,
      operation: "delete" as const,
      delete_if_backup_fails: !k.exportable,
    }));
    try {
      await pass("delete", deletes);
      await pass(
        "restore",
        keys.filter((k) => k.exportable).map((k) => ({ id: k.cckmKeyId, operation: "restore" as const })),
      );
      await compareFingerprints(watch, admin, keys, restored, true);
      await pass("delete again", deletes);
    } finally {
      log("chaos stops");
      await monkey.stop();
    }
    const chaosSeconds = Math.round((Date.now() - chaosStart) / 1000);
    const settleLeft = await waitForJobs(watch, Date.now() + options.maxWaitMs);
    const failed = await lastFailed(watch);
    log(`operator resubmits ${failed.length} failed jobs`);
    await pass("operator retry", failed);
    const final = emptyFingerprints();
    await compareFingerprints(watch, admin, keys, final);
    log("checking the invariant");
    const keyring = createKeyring({ id: stack.env.BACKUP_KEK_ID ?? "kek-1", base64: stack.env.BACKUP_KEK as string });
    const clients = new SapClients(keyring, { timeoutMs: 30_000, allowPrivateEndpoints: true });
    const invariant = await checkInvariant({ db: watch, keyring, sapClient: (c) => clients.for(c) });
    return await summarize(watch, {
      options,
      keys,
      passes,
      monkey,
      restored,
      final,
      invariant,
      settleLeft,
      seconds: Math.round((Date.now() - started) / 1000),
      chaosSeconds,
    });
  } finally {
    await watch.end().catch(() => {});
    await stack.stop();
    await Promise.allSettled([proxy.close(), redis.stop()]);
  }
}
