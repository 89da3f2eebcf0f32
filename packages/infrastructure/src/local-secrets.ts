import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface LocalSecrets {
  postgresPassword: string;
  redisPassword: string;
}

/**
 * Passwords of the servers `npm start` runs itself, made once per data dir and kept there (mode
 * 0600): other local users cannot guess them, and a second start finds them again.
 */
export async function localSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as LocalSecrets;
  await mkdir(dataDir, { recursive: true });
  const secrets = {
    postgresPassword: randomBytes(24).toString("base64url"),
    redisPassword: randomBytes(24).toString("base64url"),
  };
  await writeFile(file, `${JSON.stringify(secrets)}\n`, { mode: 0o600, flag: "wx" });
  return secrets;
}
