import { loadEnvOrExit, simulatorEnvSchema } from "@cckm/config";
import { exitOnSignal } from "@cckm/health";
import { createLogger } from "@cckm/log";
import { demoAccountBanner } from "./banner.ts";
import { type CliSettings, cliSettings } from "./cli-options.ts";
import { loadAwsKmsEnv } from "./env.ts";
import { startSimulator } from "./simulator.ts";

const env = loadEnvOrExit(process.env, "aws-kms", simulatorEnvSchema);
const logger = createLogger("aws-kms", env.LOG_LEVEL);

let settings: CliSettings;
let adminToken: string;
try {
  const awsEnv = loadAwsKmsEnv(process.env);
  adminToken = awsEnv.AWS_KMS_ADMIN_TOKEN;
  settings = cliSettings(env, awsEnv, process.argv.slice(2));
} catch (error) {
  process.stderr.write(`aws-kms: ${(error as Error).message}\n`);
  process.exit(78); // EX_CONFIG, as for a bad environment
}

const simulator = await startSimulator({ ...settings, adminToken, logger }).catch((error: unknown) => {
  logger.fatal({ err: error }, `cannot start on ${settings.host}:${settings.port}`);
  process.exit(1);
});

const { store, accessKeys } = simulator.ctx;
logger.info(
  {
    accounts: accessKeys.accounts(),
    keys: store.allKeys().length,
    faults: settings.faults.length,
    stateFile: settings.stateFile ?? null,
    restored: simulator.restored,
  },
  simulator.restored ? "keys restored from the state file" : "demo account seeded",
);
const [demo] = settings.accessKeys;
if (demo !== undefined) logger.info(demoAccountBanner(simulator.url, demo, adminToken));
logger.info(`aws-kms listening on ${simulator.url}`);

exitOnSignal({
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  log: (m) => logger.info(m),
  stop: () => simulator.close(),
});
