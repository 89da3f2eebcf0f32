import { loadEnvOrExit, sapKmsEnvSchema } from "@cckm/config";
import { exitOnSignal } from "@cckm/health";
import { createLogger } from "@cckm/log";
import { demoTenantBanner } from "./banner.ts";
import { type CliSettings, cliSettings } from "./cli-options.ts";
import { startSimulator } from "./simulator.ts";

const env = loadEnvOrExit(process.env, "sap-kms", sapKmsEnvSchema);
const logger = createLogger("sap-kms", env.LOG_LEVEL);

let settings: CliSettings;
try {
  settings = cliSettings(env, process.argv.slice(2));
} catch (error) {
  process.stderr.write(`sap-kms: ${(error as Error).message}\n`);
  process.exit(78); // EX_CONFIG, as for a bad environment
}

const credentials = { apiKey: env.SAP_KMS_DEMO_API_KEY, secret: env.SAP_KMS_DEMO_SECRET };
const simulator = await startSimulator({
  ...settings,
  ...credentials,
  adminToken: env.SAP_KMS_ADMIN_TOKEN,
  logger,
}).catch((error: unknown) => {
  logger.fatal({ err: error }, `cannot start on ${settings.host}:${settings.port}`);
  process.exit(1);
});

const { store } = simulator.ctx;
logger.info(
  {
    groups: store.listGroups().length,
    keys: store.listKeys().length,
    faults: settings.faults.length,
    stateFile: settings.stateFile ?? null,
    restored: simulator.restored,
  },
  simulator.restored ? "tenant restored from the state file" : "demo tenant seeded",
);
logger.info(demoTenantBanner(simulator.url, { ...credentials, adminToken: env.SAP_KMS_ADMIN_TOKEN }));
logger.info(`sap-kms listening on ${simulator.url}`);

exitOnSignal({
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  log: (m) => logger.info(m),
  stop: () => simulator.close(),
});
