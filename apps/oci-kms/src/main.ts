import { loadEnvOrExit } from "@cckm/config";
import { exitOnSignal } from "@cckm/health";
import { createLogger } from "@cckm/log";
import { demoTenancyBanner } from "./banner.ts";
import { type CliSettings, cliSettings } from "./cli-options.ts";
import { loadOciEnv } from "./env.ts";
import { startSimulator } from "./simulator.ts";

const env = loadEnvOrExit(process.env, "oci-kms");
const logger = createLogger("oci-kms", env.LOG_LEVEL);

let settings: CliSettings;
let adminToken: string;
try {
  const ociEnv = loadOciEnv(process.env);
  adminToken = ociEnv.OCI_KMS_ADMIN_TOKEN;
  settings = cliSettings({ ...ociEnv, HOST: env.HOST }, process.argv.slice(2));
} catch (error) {
  process.stderr.write(`oci-kms: ${(error as Error).message}\n`);
  process.exit(78); // EX_CONFIG, as for a bad environment
}

const simulator = await startSimulator({ ...settings, adminToken, logger }).catch((error: unknown) => {
  logger.fatal({ err: error }, `cannot start on ${settings.host}:${settings.port}`);
  process.exit(1);
});

const { store } = simulator.ctx;
logger.info(
  {
    tenancies: store.listTenancies().length,
    vaults: store.allVaults().length,
    faults: settings.faults.length,
    transitionDelayMs: settings.transitionDelayMs,
    stateFile: settings.stateFile ?? null,
    restored: simulator.restored,
  },
  simulator.restored ? "state restored from the state file" : "demo tenancy seeded",
);
logger.info(demoTenancyBanner(settings.publicUrl ?? simulator.url, adminToken));
logger.info(`oci-kms listening on ${simulator.url}`);

exitOnSignal({
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  log: (m) => logger.info(m),
  stop: () => simulator.close(),
});
