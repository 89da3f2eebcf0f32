import { readFileSync } from "node:fs";
import { createLogger } from "@cckm/log";
import { OciKmsClient, type OciKmsClientConfig } from "@cckm/oci-kms-client";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "../simulator.ts";
import { DEMO_TENANCY } from "../store/demo-user.ts";

/** Helpers of the tests that drive the simulator with Oracle's SDK, through @cckm/oci-kms-client. */
export const DEMO_PRIVATE_KEY = readFileSync(new URL("../../fixtures/demo-user-key.pem", import.meta.url), "utf8");
export const ADMIN_TOKEN = "unit-admin-token-0123456789";

export async function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  return startSimulator({
    host: "127.0.0.1",
    port: 0,
    seed: 1,
    adminToken: ADMIN_TOKEN,
    transitionDelayMs: 0,
    wrappingKeyBits: 2048,
    faults: [],
    logger: createLogger("oci-kms-test", "silent"),
    ...options,
  });
}

/** The demo user's client, pointed at the simulator; retries without waiting. */
export function demoClient(sim: RunningSimulator, overrides: Partial<OciKmsClientConfig> = {}): OciKmsClient {
  return new OciKmsClient({
    tenancyId: DEMO_TENANCY.tenancyId,
    userId: DEMO_TENANCY.userId,
    fingerprint: DEMO_TENANCY.fingerprint,
    privateKey: DEMO_PRIVATE_KEY,
    region: DEMO_TENANCY.homeRegion,
    endpoints: { vault: `${sim.url}/regions/{region}` },
    retry: { maxAttempts: 3, baseDelayMs: 0 },
    timeoutMs: 5_000,
    ...overrides,
  });
}

/** Calls an admin route; answers the status and the parsed body. */
export async function admin<T = Record<string, unknown>>(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sim.url}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === "" ? undefined : JSON.parse(text) };
}

/** The management endpoint of a demo vault, by display name. */
export async function demoVault(client: OciKmsClient, name: string) {
  const vaults = await client.listVaults(DEMO_TENANCY.tenancyId);
  const vault = vaults.find((v) => v.displayName === name);
  if (vault === undefined) throw new Error(`no demo vault ${name}`);
  return vault;
}
