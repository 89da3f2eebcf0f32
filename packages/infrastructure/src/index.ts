// Postgres and Redis as `npm start`, the test setup and the bench find or start them: the configured
// server, else the local one, else one of the launcher's own (an embedded Postgres, a redis-server).
export { type Infrastructure, type InfrastructureChoice, resolveInfrastructure } from "./infrastructure.ts";
export { infrastructureChoice, repoRoot, runInfrastructureChoice, testInfrastructureChoice } from "./launcher-env.ts";
export { RedisUnavailableError } from "./redis.ts";
