import { DEV_DEFAULTS, type Env, envSchema, SECRET_NAMES } from "./schema.ts";

/** Thrown by loadEnv; `problems` lists every invalid or missing value, one line each. */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Source = Record<string, string | undefined>;

/** Empty strings count as unset, so `FOO= npm start` falls back to the default. */
function withoutEmpty(source: Source): Source {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
}

/**
 * Parses the environment with the one schema. Nothing is read at import time: callers pass
 * the source (process.env by default). Throws ConfigError listing every problem.
 */
export function loadEnv(source: Source = process.env): Env {
  const cleaned = withoutEmpty(source);
  const parsed = envSchema.safeParse(cleaned);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path.join(".") || "(environment)";
      problems.push(`${name}: ${issue.message}`);
    }
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  if ((env.TLS_CERT_FILE === undefined) !== (env.TLS_KEY_FILE === undefined)) {
    problems.push("TLS_CERT_FILE, TLS_KEY_FILE: give both (a certificate and its private key, PEM) or neither");
  }
  if (env.NODE_ENV === "production") {
    for (const name of SECRET_NAMES) {
      if (env[name] === DEV_DEFAULTS[name]) {
        problems.push(`${name}: must be set to a real secret when NODE_ENV=production (the dev default is refused)`);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return env;
}

/** loadEnv for a process entry point: prints every problem and exits non-zero. */
export function loadEnvOrExit(source: Source = process.env, processName = "cckm"): Env {
  try {
    return loadEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${processName}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/** The names of secrets still at their dev default (for a start-up warning in development). */
export function secretsAtDevDefault(env: Env): string[] {
  return SECRET_NAMES.filter((name) => env[name] === DEV_DEFAULTS[name]);
}
