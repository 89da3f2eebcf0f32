import { type StackEnv, stackEnvSchema } from "./schemas.ts";

export { DEV_DEFAULTS, SECRET_NAMES } from "./parts.ts";

/**
 * Every variable of every process: the launcher's schema, which validates what its children read.
 * A process parses its own schema (schemas.ts); this one is for tools that read a bit of everything.
 */
export const envSchema = stackEnvSchema;
export type Env = StackEnv;
