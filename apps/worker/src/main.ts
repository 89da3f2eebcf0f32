// The worker process: parse its environment, build the runtime, start it, stop on a signal.
import { loadEnvOrExit, workerEnvSchema } from "@cckm/config";
import { exitOnSignal } from "@cckm/health";
import { createLogger } from "@cckm/log";
import { createWorkerRuntime, RedisPolicyRefusedError } from "./runtime.ts";

const env = loadEnvOrExit(process.env, "worker", workerEnvSchema);
const logger = createLogger("worker", env.LOG_LEVEL);
const runtime = await createWorkerRuntime(env, { logger }).catch((error: unknown) => {
  logger.fatal({ err: error }, error instanceof Error ? error.message : String(error));
  process.exit(error instanceof RedisPolicyRefusedError ? 78 : 1);
});
await runtime.start().catch(async (error: unknown) => {
  logger.fatal({ err: error }, (error as Error).message);
  await runtime.close().catch(() => {});
  process.exit(1);
});

exitOnSignal({ timeoutMs: env.SHUTDOWN_TIMEOUT_MS, log: (m) => logger.info(m), stop: () => runtime.close() });
