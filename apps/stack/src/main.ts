// `npm start`: the whole stack on one machine, with no configuration at all.
import { join, resolve } from "node:path";
import { loadEnvOrExit, stackEnvSchema } from "@cckm/config";
import { infrastructureChoice, RedisUnavailableError, repoRoot } from "@cckm/infrastructure";
import { awsDemoEnvOf, connectAwsDemo } from "./aws-demo.ts";
import { banner } from "./banner.ts";
import type { RunningService } from "./children.ts";
import { connectDemoTenant } from "./demo-connection.ts";
import { type LaunchedStack, launchStack } from "./launch.ts";
import { connectOciDemo, startOciKms } from "./oci-demo.ts";
import { ensureTlsFiles } from "./tls-files.ts";

const say = (m: string) => process.stdout.write(`[stack] ${m}\n`);

// Validate everything the children will read before starting anything.
const env = loadEnvOrExit(process.env, "stack", stackEnvSchema);
const awsDemo = awsDemoEnvOf(process.env);
const configured = (name: string) => (process.env[name] ? process.env[name] : undefined);
const dataDir = env.STACK_DATA_DIR ? resolve(env.STACK_DATA_DIR) : join(repoRoot, ".data");

let launching: Promise<LaunchedStack> | undefined;
let ociKms: RunningService | undefined;
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say("stopping…");
    // A start still under way is waited for (a failed one has stopped what it started), then stopped.
    const stack = await launching?.catch(() => undefined);
    await ociKms
      ?.stop()
      .catch((e: unknown) => say(`oci-kms stop failed: ${e instanceof Error ? e.message : String(e)}`));
    await stack?.stop().catch((e: unknown) => say(`cleanup failed: ${e instanceof Error ? e.message : String(e)}`));
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  const host = env.HOST;
  const tls =
    env.TLS_CERT_FILE && env.TLS_KEY_FILE
      ? { certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE, made: false }
      : await ensureTlsFiles(dataDir, host);
  say(`tls: ${tls.made ? "made a self-signed certificate," : "certificate"} ${tls.certFile}`);
  const sapKmsUrl = configured("SAP_KMS_URL");
  launching = launchStack({
    root: repoRoot,
    infrastructure: infrastructureChoice(env, {
      databaseUrl: configured("DATABASE_URL"),
      redisUrl: configured("REDIS_URL"),
      dataDir,
    }),
    host,
    env: {
      // A development stack: its simulators listen on loopback, so it opts in (unless told otherwise).
      SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: configured("SAP_KMS_ALLOW_PRIVATE_ENDPOINTS") ?? "true",
      AWS_KMS_ALLOW_PRIVATE_ENDPOINTS: configured("AWS_KMS_ALLOW_PRIVATE_ENDPOINTS") ?? "true",
      OCI_KMS_ALLOW_PRIVATE_ENDPOINTS: configured("OCI_KMS_ALLOW_PRIVATE_ENDPOINTS") ?? "true",
    },
    sapKms: sapKmsUrl ? { url: sapKmsUrl } : { port: env.SAP_KMS_PORT },
    awsKms: { port: awsDemo.AWS_KMS_PORT },
    api: {
      port: env.PORT,
      env: { TLS_CERT_FILE: tls.certFile, TLS_KEY_FILE: tls.keyFile, TLS_PORT: String(env.TLS_PORT) },
    },
    workers: [{ healthPort: env.WORKER_HEALTH_PORT }],
    log: say,
  });
  const stack = await launching;
  if (stopping) await new Promise(() => {}); // a signal came during the start: shutdown() stops it and exits
  stack.onUnexpectedExit((app, code) => {
    if (stopping) return;
    say(`${app} exited unexpectedly (code ${String(code)}); stopping the stack`);
    void shutdown(1);
  });
  const { infrastructure, apiUrl } = stack;
  const demo = sapKmsUrl
    ? "no demo connection (SAP_KMS_URL points elsewhere)"
    : await connectDemoTenant({
        apiUrl,
        adminPassword: env.ADMIN_PASSWORD,
        sapKmsUrl: stack.sapKmsUrl,
        apiKey: env.SAP_KMS_DEMO_API_KEY,
        secret: env.SAP_KMS_DEMO_SECRET,
      }).catch((error: unknown) => `demo connection failed: ${error instanceof Error ? error.message : String(error)}`);
  say(`demo tenant: ${demo}`);
  const aws = await connectAwsDemo({
    apiUrl,
    adminPassword: env.ADMIN_PASSWORD,
    awsKmsUrl: stack.awsKmsUrl as string,
    env: awsDemo,
  }).catch((error: unknown) => `AWS demo failed: ${error instanceof Error ? error.message : String(error)}`);
  say(`AWS KMS simulator: ${String(stack.awsKmsUrl)}; AWS demo account: ${aws}`);
  // The OCI simulator and its demo tenancy (issue 16), unless OCI_KMS_URL points at another KMS.
  const ociKmsUrl = configured("OCI_KMS_URL");
  if (!ociKmsUrl) {
    const port = Number(configured("OCI_KMS_PORT") ?? 4060);
    const started = await startOciKms(repoRoot, host, port).catch((error: unknown) => {
      say(`oci-kms not started: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    ociKms = started;
    const oci = started
      ? await connectOciDemo({
          root: repoRoot,
          apiUrl,
          adminPassword: env.ADMIN_PASSWORD,
          ociKmsUrl: `http://${host}:${port}`,
        }).catch((error: unknown) => `failed: ${error instanceof Error ? error.message : String(error)}`)
      : "no simulator";
    say(`oci-kms: http://${host}:${port}; demo tenancy: ${oci}`);
  }
  process.stdout.write(
    banner({
      apiUrl,
      apiHttpsUrl: `https://${host}:${env.TLS_PORT}`,
      workerUrl: `http://${host}:${env.WORKER_HEALTH_PORT}`,
      sapKmsUrl: stack.sapKmsUrl,
      postgres: infrastructure?.postgres.source ?? "DATABASE_URL",
      redis: infrastructure?.redis.source ?? "REDIS_URL",
      adminPasswordFromEnv: Boolean(configured("ADMIN_PASSWORD")),
    }),
  );
} catch (error) {
  if (error instanceof RedisUnavailableError) process.stderr.write(`\n${error.message}\n\n`);
  else say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
