export { awsKeyRow, awsKms, ociKeyRow, ociVaults, TENANCY } from "./cloud-rows.ts";
export { createTestDatabase, type TestDatabase } from "./database.ts";
export { type TestRun, testPgAdminUrl, testRedisUrl, withDatabase } from "./env.ts";
export { insertInventoryStub } from "./inventory-stub.ts";
export {
  descendants,
  freePort,
  isAlive,
  liveProcesses,
  repoRoot,
  spawnApp,
  spawnTs,
  type TestProcess,
  trackProcess,
} from "./processes.ts";
export { deleteRedisPrefix, testRedisPrefix } from "./redis.ts";
export { type ClusterMaster, killClusterNodes, type RedisCluster, startRedisCluster } from "./redis-cluster.ts";
export { startRedisServer } from "./redis-server.ts";
export { startTcpProxy, type TcpProxy } from "./tcp-proxy.ts";
