import { AwsKmsClient, type AwsKmsClientOptions } from "@cckm/aws-kms-client";
import { createLogger } from "@cckm/log";
import type { AccessKey } from "../auth/access-keys.ts";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "../simulator.ts";

/** Key pairs of the tests: the demo account's, a second account's. */
export const DEMO: AccessKey = {
  accessKeyId: "AKIATESTDEMO00000001",
  secretAccessKey: "unit-test-demo-secret-access-key-000001",
  accountId: "111122223333",
  userName: "demo",
};
export const OTHER: AccessKey = {
  accessKeyId: "AKIATESTOTHER0000002",
  secretAccessKey: "unit-test-other-secret-access-key-00002",
  accountId: "444455556666",
};
export const ADMIN_TOKEN = "unit-admin-token-0123456789";

export const baseOptions: SimulatorOptions = {
  host: "127.0.0.1",
  port: 0,
  seed: 1,
  accessKeys: [DEMO, OTHER],
  demoAccountId: DEMO.accountId,
  adminToken: ADMIN_TOKEN,
  faults: [],
  logger: createLogger("aws-kms-test", "silent"),
};

/** A settable clock for a simulator, starting at the real time. */
export function testClock(start = Date.now()) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Simulators started by a test file, closed by `closeAll` (in afterAll). */
export function simulators() {
  const running: RunningSimulator[] = [];
  const clients: AwsKmsClient[] = [];
  return {
    start: async (options: Partial<SimulatorOptions> = {}) => {
      const sim = await startSimulator({ ...baseOptions, ...options });
      running.push(sim);
      return sim;
    },
    /** Our client (the real AWS SDK inside) for `sim`, retrying at once (no backoff) unless told otherwise. */
    client: (sim: RunningSimulator, options: AwsKmsClientOptions & { region?: string; key?: AccessKey } = {}) => {
      const { region = "us-east-1", key = DEMO, ...rest } = options;
      const client = new AwsKmsClient(
        { endpoint: sim.url, region, accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
        { random: () => 0, ...rest },
      );
      clients.push(client);
      return client;
    },
    closeAll: async () => {
      for (const client of clients) client.close();
      await Promise.all(running.map((s) => s.close()));
    },
  };
}

/** An admin request; the JSON answer. */
export async function admin(sim: RunningSimulator, method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.url}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}
