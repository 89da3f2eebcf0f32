import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createChaosDatabase } from "./infra.ts";
import { parseChaosArgs } from "./options.ts";
import { runChaos } from "./run.ts";

/**
 * `npm run chaos [-- --keys N --seed S --workers W --duration SECONDS --events N --max-wait SECONDS]`:
 * prints the JSON summary, writes it to chaos/results/<date>.json, exits 1 when the invariant fails.
 * Postgres: CHAOS_DATABASE_URL (an admin connection; default the local server); it makes and drops
 * a database `cckm_chaos_*`. It starts its own redis-server (on PATH).
 */
async function main(): Promise<number> {
  let options: ReturnType<typeof parseChaosArgs>;
  try {
    options = parseChaosArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`chaos: ${(error as Error).message}\n`);
    return 64;
  }
  const adminUrl = process.env.CHAOS_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const database = await createChaosDatabase(adminUrl);
  const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const summary = await runChaos({ ...options, database, log });
  const text = `${JSON.stringify(summary, null, 2)}\n`;
  process.stdout.write(text);
  const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, text);
  log(`summary written to ${file}`);
  return summary.ok ? 0 : 1;
}

process.exitCode = await main();
