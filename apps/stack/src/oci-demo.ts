import { readFileSync } from "node:fs";
import { join } from "node:path";
import { signInAsAdmin } from "./admin-api.ts";
import { type RunningService, startService, waitUntilReady } from "./children.ts";

const CONNECTION_NAME = "oci-demo";

/** The OCI simulator's demo tenancy (apps/oci-kms/README.md). */
const DEMO = {
  tenancy: "ocid1.tenancy.oc1..ejsfwua4ffk2pb7z2qmkluxixk4tiwd6p5tlinwkxioxmigp732ed3gl75hq",
  user: "ocid1.user.oc1..n65slr3ocyz2lfeumhiepgurhbbhybg5v4hkwyd6tt7otcahrz53w4hrtbvm",
  compartment: "ocid1.compartment.oc1..czscotnpchh36jvuxgywnnc4irqdjca2jjgtonsoi37vtigymqkvepdo6yco",
  fingerprint: "36:c4:51:70:74:2c:8b:22:a3:ec:15:ec:a1:13:6e:03",
  region: "us-ashburn-1",
};

/** Starts the OCI KMS simulator (`apps/oci-kms`) on `port` and waits for its health route. */
export async function startOciKms(root: string, host: string, port: number): Promise<RunningService> {
  const service = startService(root, {
    name: "oci-kms",
    entry: "apps/oci-kms/src/main.ts",
    env: { OCI_KMS_PORT: String(port), OCI_KMS_HOST: host },
  });
  try {
    await waitUntilReady({ name: "oci-kms", child: service.child, readyUrl: `http://${host}:${port}/healthz` });
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

/**
 * Through the API, as any client would: the `oci-demo` connection to the simulator's demo tenancy
 * (once; pointed at this simulator again when it moved), its vaults added, and a synchronization, so
 * a new user finds OCI keys at once. Returns a line for the start's log; never fails the start.
 */
export async function connectOciDemo(options: {
  root: string;
  apiUrl: string;
  adminPassword: string;
  ociKmsUrl: string;
}): Promise<string> {
  const { apiUrl } = options;
  const api = await signInAsAdmin(apiUrl, options.adminPassword);
  if (!api) return "skipped: admin's password is no longer ADMIN_PASSWORD";
  const connections = "/connectionmgmt/services/oci/connections";
  const key = readFileSync(join(options.root, "apps/oci-kms/fixtures/demo-user-key.pem"), "utf8");
  const existing = await api.call("GET", `${connections}?name=${CONNECTION_NAME}`);
  const [current] = (existing.body.resources ?? []) as Array<{ id: string; kms_endpoint: string | null }>;
  if (current && current.kms_endpoint !== options.ociKmsUrl) {
    await api.call("PATCH", `${connections}/${current.id}`, { kms_endpoint: options.ociKmsUrl });
  }
  if (!current) {
    const created = await api.call("POST", connections, {
      name: CONNECTION_NAME,
      description: "The OCI simulator's demo tenancy (created by npm start)",
      tenancy_ocid: DEMO.tenancy,
      user_ocid: DEMO.user,
      fingerprint: DEMO.fingerprint,
      region: DEMO.region,
      credentials: { key_file: key },
      kms_endpoint: options.ociKmsUrl,
    });
    if (created.status !== 201) return `connection not created: ${String(created.body.message)}`;
  }
  const vaults = await api.call("POST", "/cckm/oci/get-vaults", {
    connection: CONNECTION_NAME,
    compartment_id: DEMO.tenancy,
  });
  if (vaults.status !== 200) return `vaults not listed: ${String(vaults.body.message)}`;
  const ids = (vaults.body.data as Array<{ vault_id: string }>).map((v) => v.vault_id);
  const added = await api.call("POST", "/cckm/oci/add-vaults", {
    connection: CONNECTION_NAME,
    region: DEMO.region,
    vault_id: ids,
  });
  if (added.status !== 200) return `vaults not added: ${String(added.body.message)}`;
  const sync = await api.call("POST", "/cckm/oci/synchronization-jobs", {
    connection: CONNECTION_NAME,
    synchronize_all: true,
    compartments: [DEMO.compartment],
  });
  if (sync.status !== 201) return `not synchronized: ${String(sync.body.message)}`;
  const deadline = Date.now() + 30_000;
  let status = "in_progress";
  while (status === "in_progress" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const job = await api.call("GET", `/cckm/oci/synchronization-jobs/${String(sync.body.id)}`);
    status = String(job.body.overall_status);
    if (status === "failed") status = `failed (${String(job.body.error)})`;
  }
  const keys = await api.call("GET", "/cckm/oci/keys?limit=1&gone=false");
  return `connection ${CONNECTION_NAME}, ${ids.length} vault(s), synchronization ${status}, ${String(keys.body.total)} OCI key(s)`;
}
