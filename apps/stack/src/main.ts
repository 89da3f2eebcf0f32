// `npm start`: the whole stack on one machine, with no configuration at all.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadEnvOrExit } from "@cckm/config";
import { migrate } from "@cckm/db";
import { banner } from "./banner.ts";
import { type RunningService, startService, stopService, waitUntilReady } from "./children.ts";
import { connectDemoTenant } from "./demo-connection.ts";
import { resolvePostgres } from "./postgres.ts";
import { RedisUnavailableError, resolveRedis } from "./redis.ts";
import { ensureTlsFiles } from "./tls-files.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const say = (m: string) => process.stdout.write(`[stack] ${m}\n`);

// Validate everything the children will read before starting anything.
const env = loadEnvOrExit(process.env, "stack");
const configured = (name: string) => (process.env[name] ? process.env[name] : undefined);
const dataDir = env.STACK_DATA_DIR ? resolve(env.STACK_DATA_DIR) : join(root, ".data");

const cleanups: Array<() => Promise<void>> = [];
const running: RunningService[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say("stopping…");
    await Promise.all(running.map((r) => stopService(r)));
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => say(`cleanup failed: ${String(e)}`));
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  const postgres = await resolvePostgres(
    {
      configured: configured("DATABASE_URL"),
      localAdminUrl: env.STACK_LOCAL_POSTGRES_URL,
      embeddedPort: env.STACK_EMBEDDED_POSTGRES_PORT,
      dataDir,
    },
    say,
  );
  cleanups.push(postgres.stop);
  say(`postgres: ${postgres.source}`);
  const redis = await resolveRedis({
    configured: configured("REDIS_URL"),
    localUrl: env.STACK_LOCAL_REDIS_URL,
    ownPort: env.STACK_REDIS_PORT,
    dataDir,
  });
  cleanups.push(redis.stop);
  say(`redis: ${redis.source}`);

  const result = await migrate({ connectionString: postgres.url, log: say });
  say(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);

  const host = env.HOST;
  const tls =
    env.TLS_CERT_FILE && env.TLS_KEY_FILE
      ? { certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE, made: false }
      : await ensureTlsFiles(dataDir, host);
  say(`tls: ${tls.made ? "made a self-signed certificate," : "certificate"} ${tls.certFile}`);
  const apiUrl = `http://${host}:${env.PORT}`;
  const apiHttpsUrl = `https://${host}:${env.TLS_PORT}`;
  const apiTls = { TLS_CERT_FILE: tls.certFile, TLS_KEY_FILE: tls.keyFile, TLS_PORT: String(env.TLS_PORT) };
  const workerUrl = `http://${host}:${env.WORKER_HEALTH_PORT}`;
  const sapKmsUrl = configured("SAP_KMS_URL") ?? `http://${host}:${env.SAP_KMS_PORT}`;
  const shared = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    SAP_KMS_URL: sapKmsUrl,
    // A development stack: its simulator listens on loopback, so it opts in (unless told otherwise).
    SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: configured("SAP_KMS_ALLOW_PRIVATE_ENDPOINTS") ?? "true",
  };
  const services = [
    ...(configured("SAP_KMS_URL")
      ? []
      : [{ name: "sap-kms", entry: "apps/sap-kms/src/main.ts", readyUrl: `${sapKmsUrl}/healthz`, env: shared }]),
    { name: "api", entry: "apps/api/src/main.ts", readyUrl: `${apiUrl}/readyz`, env: { ...shared, ...apiTls } },
    { name: "worker", entry: "apps/worker/src/main.ts", readyUrl: `${workerUrl}/readyz`, env: shared },
  ];
  for (const service of services) running.push(startService(root, service));
  for (const r of running) {
    r.exited.then((code) => {
      if (!stopping) {
        say(`${r.service.name} exited unexpectedly (code ${code}); stopping the stack`);
        void shutdown(1);
      }
    });
  }
  await Promise.all(running.map((r) => waitUntilReady(r)));
  const demo = configured("SAP_KMS_URL")
    ? "no demo connection (SAP_KMS_URL points elsewhere)"
    : await connectDemoTenant({
        apiUrl,
        adminPassword: env.ADMIN_PASSWORD,
        sapKmsUrl,
        apiKey: env.SAP_KMS_DEMO_API_KEY,
        secret: env.SAP_KMS_DEMO_SECRET,
      }).catch((error: unknown) => `demo connection failed: ${error instanceof Error ? error.message : String(error)}`);
  say(`demo tenant: ${demo}`);
  process.stdout.write(
    banner({
      apiUrl,
      apiHttpsUrl,
      workerUrl,
      sapKmsUrl,
      postgres: postgres.source,
      redis: redis.source,
      adminPasswordFromEnv: Boolean(configured("ADMIN_PASSWORD")),
    }),
  );
} catch (error) {
  if (error instanceof RedisUnavailableError) process.stderr.write(`\n${error.message}\n\n`);
  else say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
