// A peer worker process: graphile-worker's `run()` with one task, `delete_key` (delete-task.ts).
// Started by the bench (bench/src/peer.ts); prints "peer worker running".
import { createExportWrappingKey, SapKmsClient } from "@cckm/sap-kms-client";
import { Logger, run } from "graphile-worker";
import { deleteKeyTask } from "./delete-task.ts";
import { peerEnv } from "./env.ts";

const env = peerEnv(process.env);
const sap = new SapKmsClient({
  baseUrl: env.sapUrl,
  apiKey: env.sapApiKey,
  secret: env.sapSecret,
  timeoutMs: 30_000,
  allowPrivateEndpoints: true, // the simulator listens on 127.0.0.1
});
// Warnings and errors only: the orchestrator runs at LOG_LEVEL=warn in the bench too, and
// graphile-worker's default logs a line per job.
const logger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") process.stderr.write(`[peer worker] ${level}: ${message}\n`);
});
const runner = await run({
  logger,
  connectionString: env.databaseUrl,
  concurrency: env.concurrency,
  maxPoolSize: env.concurrency + 2,
  noHandleSignals: true,
  pollInterval: 1000,
  taskList: { delete_key: deleteKeyTask({ sap, exportKey: await createExportWrappingKey(), kek: env.kek }) },
});
process.stdout.write("peer worker running\n");
const stop = () => void runner.stop().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
await runner.promise;
