import { createServer } from "node:http";
import { loadEnvOrExit } from "@cckm/config";
import { exitOnSignal } from "@cckm/health";
import { createLogger } from "@cckm/log";

// Placeholder until the simulator issue: answers /healthz so the stack can start it.
const env = loadEnvOrExit(process.env, "sap-kms");
const logger = createLogger("sap-kms", env.LOG_LEVEL);
const server = createServer((req, res) => {
  const ok = req.method === "GET" && req.url === "/healthz";
  res.writeHead(ok ? 200 : 404, { "content-type": "application/json" });
  res.end(JSON.stringify(ok ? { status: "ok" } : { error: "not found" }));
});
server.on("error", (error) => {
  logger.fatal({ err: error }, `cannot listen on ${env.HOST}:${env.SAP_KMS_PORT}`);
  process.exit(1);
});
server.listen(env.SAP_KMS_PORT, env.HOST, () =>
  logger.info(`sap-kms listening on http://${env.HOST}:${env.SAP_KMS_PORT}`),
);
exitOnSignal({
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  log: (m) => logger.info(m),
  stop: () => new Promise((resolve) => server.close(() => resolve())),
});
