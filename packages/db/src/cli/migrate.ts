// `npm run migrate`: applies pending migrations to DATABASE_URL and exits.
import { loadEnvOrExit, migrateEnvSchema } from "@cckm/config";
import { migrate } from "../migrate/runner.ts";

const env = loadEnvOrExit(process.env, "migrate", migrateEnvSchema);
try {
  const result = await migrate({ connectionString: env.DATABASE_URL, log: (m) => console.log(m) });
  console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
} catch (error) {
  console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
