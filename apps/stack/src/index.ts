export {
  type Infrastructure,
  type InfrastructureChoice,
  infrastructureChoice,
  RedisUnavailableError,
  repoRoot,
  resolveInfrastructure,
  runInfrastructureChoice,
  testInfrastructureChoice,
} from "@cckm/infrastructure";
// The launcher, for `npm start` (main.ts), the test setup and stacks (packages/testkit, test/support) and the bench.
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
export { ensureTlsFiles } from "./tls-files.ts";
