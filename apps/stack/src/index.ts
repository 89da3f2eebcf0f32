// The launcher, for `npm start` (main.ts), the test setup and stacks (packages/testkit, test/support) and the bench.
export { type Infrastructure, type InfrastructureChoice, resolveInfrastructure } from "./infrastructure.ts";
export {
  type AppName,
  inheritingSpawner,
  type LaunchedStack,
  type LaunchedWorker,
  type LaunchOptions,
  launchStack,
  type ServiceProcess,
  type Spawner,
} from "./launch.ts";
export { infrastructureChoice, repoRoot, runInfrastructureChoice, testInfrastructureChoice } from "./launcher-env.ts";
export { RedisUnavailableError } from "./redis.ts";
export { ensureTlsFiles } from "./tls-files.ts";
