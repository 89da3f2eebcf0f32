export { ConfigError, loadEnv, loadEnvOrExit, secretsAtDevDefault } from "./load-env.ts";
export { DEV_DEFAULTS, type Env, envSchema, SECRET_NAMES } from "./schema.ts";
