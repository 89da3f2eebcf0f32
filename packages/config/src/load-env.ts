import type { z } from "zod";
import { DEV_DEFAULTS, SECRET_NAMES } from "./parts.ts";
import { type Env, envSchema } from "./schema.ts";

/** Thrown by loadEnv; `problems` lists every invalid or missing value, one line each. */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Source = Record<string, string | undefined>;

/** A process's schema: an object of its variables (schemas.ts). */
// biome-ignore lint/suspicious/noExplicitAny: any zod object schema, whatever its shape
export type EnvSchema = z.ZodObject<any>;

/** Empty strings count as unset, so `FOO= npm start` falls back to the default. */
function withoutEmpty(source: Source): Source {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
}

/** The checks across variables, for those of them the schema has. */
function crossChecks(schema: EnvSchema, env: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const has = (name: string) => name in schema.shape;
  if (has("TLS_CERT_FILE") && (env.TLS_CERT_FILE === undefined) !== (env.TLS_KEY_FILE === undefined)) {
    problems.push("TLS_CERT_FILE, TLS_KEY_FILE: give both (a certificate and its private key, PEM) or neither");
  }
  if (env.NODE_ENV === "production") {
    for (const name of SECRET_NAMES) {
      if (has(name) && env[name] === DEV_DEFAULTS[name]) {
        problems.push(`${name}: must be set to a real secret when NODE_ENV=production (the dev default is refused)`);
      }
    }
  }
  return problems;
}

/**
 * Parses the environment with a process's schema (by default every variable: `envSchema`).
 * Nothing is read at import time: callers pass the source. Variables the schema does not name are
 * ignored. Throws ConfigError listing every problem.
 */
export function loadEnv(source?: Source): Env;
export function loadEnv<S extends EnvSchema>(source: Source, schema: S): z.infer<S>;
export function loadEnv(source: Source = process.env, schema: EnvSchema = envSchema): unknown {
  const parsed = schema.safeParse(withoutEmpty(source));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`),
    );
  }
  const problems = crossChecks(schema, parsed.data as Record<string, unknown>);
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}

/** loadEnv for a process entry point: prints every problem and exits non-zero. */
export function loadEnvOrExit(source?: Source, processName?: string): Env;
export function loadEnvOrExit<S extends EnvSchema>(source: Source, processName: string, schema: S): z.infer<S>;
export function loadEnvOrExit(source: Source = process.env, processName = "cckm", schema: EnvSchema = envSchema) {
  try {
    return loadEnv(source, schema);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${processName}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/** The names of secrets still at their dev default (for a start-up warning in development). */
export function secretsAtDevDefault(env: Partial<Record<(typeof SECRET_NAMES)[number], string>>): string[] {
  return SECRET_NAMES.filter((name) => env[name] !== undefined && env[name] === DEV_DEFAULTS[name]);
}
