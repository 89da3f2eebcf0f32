import { loadEnvOrExit, verifyEnvSchema } from "@cckm/config";
import { createKeyring } from "@cckm/crypto";
import { createPool } from "@cckm/db";
import { SapClients } from "@cckm/inventory";
import { checkInvariant } from "./check.ts";

/**
 * `npm run verify`: checks the invariant over DATABASE_URL and the SAP tenants of its connections,
 * prints the JSON report on stdout and exits 0 when it holds, 1 on any violation, 2 when the check
 * itself could not run (Postgres or SAP unreachable: the error's code only).
 */
async function main(): Promise<number> {
  const env = loadEnvOrExit(process.env, "verify", verifyEnvSchema);
  const keyring = createKeyring({ id: env.BACKUP_KEK_ID, base64: env.BACKUP_KEK }, env.BACKUP_KEK_PREVIOUS);
  const pool = createPool(env.DATABASE_URL, { max: 2, applicationName: "cckm-verify" });
  const clients = new SapClients(keyring, {
    timeoutMs: env.SAP_KMS_TIMEOUT_MS,
    allowPrivateEndpoints: env.SAP_KMS_ALLOW_PRIVATE_ENDPOINTS,
  });
  try {
    const report = await checkInvariant({ db: pool, keyring, sapClient: (c) => clients.for(c) });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 1;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    process.stderr.write(`verify: the check could not run (${typeof code === "string" ? code : "UNKNOWN"})\n`);
    return 2;
  } finally {
    await pool.end();
  }
}

process.exitCode = await main();
