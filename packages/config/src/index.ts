export { ConfigError, type EnvSchema, loadEnv, loadEnvOrExit, secretsAtDevDefault } from "./load-env.ts";
export * as envParts from "./parts.ts";
export { buildOrClose, type Closer, type CloseStep, closeInOrder, createCloser } from "./runtime/closer.ts";
export { DEV_DEFAULTS, type Env, envSchema, SECRET_NAMES } from "./schema.ts";
export {
  type ApiEnv,
  apiEnvSchema,
  type LauncherEnv,
  launcherEnvSchema,
  type MigrateEnv,
  migrateEnvSchema,
  type SapKmsEnv,
  type SimulatorEnv,
  type StackEnv,
  sapKmsEnvSchema,
  simulatorEnvSchema,
  stackEnvSchema,
  type VerifyEnv,
  verifyEnvSchema,
  type WorkerEnv,
  workerEnvSchema,
} from "./schemas.ts";
