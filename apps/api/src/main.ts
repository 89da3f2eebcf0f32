// The API process: parse its environment, build the runtime, serve, stop on a signal.
import { apiEnvSchema, loadEnvOrExit, secretsAtDevDefault } from "@cckm/config";
import { exitOnSignal } from "@cckm/health";
import { createApiRuntime } from "./runtime.ts";

const env = loadEnvOrExit(process.env, "api", apiEnvSchema);
const runtime = await createApiRuntime(env);
const { logger } = runtime.deps;
const dev = secretsAtDevDefault(env);
if (dev.length > 0) logger.warn({ secrets: dev }, "running on dev default secrets; never do this in production");
const admin = await runtime.ensureAdminUser();
logger.info({ outcome: admin }, admin === "created" ? "admin user created from ADMIN_PASSWORD" : "admin user exists");
await runtime.listen().catch(async (error: unknown) => {
  logger.fatal({ code: (error as { code?: unknown }).code }, `cannot serve: ${(error as Error).message}`);
  await runtime.close().catch(() => {});
  process.exit(1);
});

exitOnSignal({ timeoutMs: env.SHUTDOWN_TIMEOUT_MS, log: (m) => logger.info(m), stop: () => runtime.close() });
