// The test run's global setup as a process of its own, for its test (global-setup.test.ts): runs
// setup() as vitest would, prints one JSON line with what it made, and tears down on SIGTERM.

import { testPgAdminUrl, testRedisUrl } from "./env.ts";
import setup from "./global-setup.ts";

const provided: Record<string, unknown> = {};
const teardown = await setup({
  provide: (key, value) => {
    provided[key] = value;
  },
});
process.stdout.write(
  `${JSON.stringify({ ready: true, pgAdminUrl: testPgAdminUrl(), redisUrl: testRedisUrl(), ...provided })}\n`,
);
const stop = async () => {
  try {
    await teardown();
    process.stdout.write("torn down\n");
    process.exit(0);
  } catch (error) {
    process.stderr.write(`teardown failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
