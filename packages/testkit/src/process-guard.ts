// A vitest setup file: after each test file, any process it spawned and left running is killed
// (with everything below it) and the file fails, so one broken test cannot disturb the next.
import { afterAll } from "vitest";
import { killLiveProcesses } from "./processes.ts";
import { killClusterNodes } from "./redis-cluster.ts";

afterAll(async () => {
  killClusterNodes(); // a Redis Cluster a failed file did not stop (startRedisCluster removes its files itself)
  const killed = await killLiveProcesses();
  if (killed.length > 0)
    throw new Error(`this test file left ${killed.length} process(es) running: ${killed.join(", ")}`);
});
