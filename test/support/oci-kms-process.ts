import { readFileSync } from "node:fs";
import { join } from "node:path";
import { OciKmsClient } from "@cckm/oci-kms-client";
import { repoRoot, spawnTs, type TestProcess } from "@cckm/testkit";

export const OCI_KMS_ENTRY = "apps/oci-kms/src/main.ts";
export const OCI_ADMIN_TOKEN = "test-oci-admin-token-0123456789";

/** The simulator's demo tenancy (apps/oci-kms/README.md). */
export const OCI_DEMO = {
  tenancy: "ocid1.tenancy.oc1..ejsfwua4ffk2pb7z2qmkluxixk4tiwd6p5tlinwkxioxmigp732ed3gl75hq",
  user: "ocid1.user.oc1..n65slr3ocyz2lfeumhiepgurhbbhybg5v4hkwyd6tt7otcahrz53w4hrtbvm",
  compartment: "ocid1.compartment.oc1..czscotnpchh36jvuxgywnnc4irqdjca2jjgtonsoi37vtigymqkvepdo6yco",
  fingerprint: "36:c4:51:70:74:2c:8b:22:a3:ec:15:ec:a1:13:6e:03",
  region: "us-ashburn-1",
  privateKey: () => readFileSync(join(repoRoot, "apps/oci-kms/fixtures/demo-user-key.pem"), "utf8"),
};

export interface OciKmsProcess {
  url: string;
  process: TestProcess;
  /** A client of the demo tenancy straight to the simulator (what the test checks OCI's own state with). */
  client(): OciKmsClient;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/**
 * Spawns the OCI KMS simulator as a real process on a port of its own choosing and waits for the
 * line that names its URL. Each test file starts its own.
 */
export async function startOciKms(options: { env?: Record<string, string> } = {}): Promise<OciKmsProcess> {
  const env = {
    OCI_KMS_PORT: "0",
    OCI_KMS_ADMIN_TOKEN: OCI_ADMIN_TOKEN,
    OCI_KMS_FAULTS: "",
    OCI_KMS_STATE_FILE: "",
    OCI_KMS_WRAPPING_KEY_BITS: "2048",
    ...options.env,
  };
  const child = spawnTs(OCI_KMS_ENTRY, env);
  const line = await child.waitForOutput(/oci-kms listening on /, 60_000);
  const url = /listening on (http:\/\/[^\s"]+)/.exec(line)?.[1];
  if (url === undefined) throw new Error(`no URL in ${line}`);
  return {
    url,
    process: child,
    client: () =>
      new OciKmsClient({
        tenancyId: OCI_DEMO.tenancy,
        userId: OCI_DEMO.user,
        fingerprint: OCI_DEMO.fingerprint,
        privateKey: OCI_DEMO.privateKey(),
        region: OCI_DEMO.region,
        endpoints: { vault: `${url}/regions/{region}`, management: url },
        timeoutMs: 5_000,
      }),
    async admin(method, path, body) {
      const res = await fetch(`${url}/admin${path}`, {
        method,
        headers: {
          authorization: `Bearer ${env.OCI_KMS_ADMIN_TOKEN}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text === "" ? undefined : JSON.parse(text) };
    },
    stop: async () => {
      await child.stop();
    },
  };
}
