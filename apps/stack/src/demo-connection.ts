import { signInAsAdmin } from "./admin-api.ts";

const CONNECTION_NAME = "sap-demo";

/**
 * Through the API, as any client would: signs in as admin, creates the `sap-demo` connection to
 * the simulator's demo tenant (once), and synchronizes it, so a new user finds keys at once.
 * Returns a line for the banner; never fails the start.
 */
export async function connectDemoTenant(options: {
  apiUrl: string;
  adminPassword: string;
  sapKmsUrl: string;
  apiKey: string;
  secret: string;
}): Promise<string> {
  const { apiUrl } = options;
  const api = await signInAsAdmin(apiUrl, options.adminPassword);
  if (!api) return "demo connection skipped: admin's password is no longer ADMIN_PASSWORD";
  const connections = "/connectionmgmt/services/sap-dc/connections";
  const existing = await api.call("GET", `${connections}?name=${CONNECTION_NAME}`);
  const [current] = (existing.body.resources ?? []) as Array<{ id: string; api_endpoint: string }>;
  if (current && current.api_endpoint !== options.sapKmsUrl) {
    // The simulator moved (another SAP_KMS_PORT): point the demo connection at this one.
    await api.call("PATCH", `${connections}/${current.id}`, {
      api_endpoint: options.sapKmsUrl,
      technical_user: { api_key: options.apiKey, secret: options.secret },
    });
  }
  if (!current) {
    const created = await api.call("POST", connections, {
      name: CONNECTION_NAME,
      description: "The simulator's demo tenant (created by npm start)",
      api_endpoint: options.sapKmsUrl,
      technical_user: { api_key: options.apiKey, secret: options.secret },
    });
    if (created.status !== 201) return `demo connection not created: ${String(created.body.message)}`;
  }
  const sync = await api.call("POST", "/cckm/sap/synchronization-jobs", {
    connection: CONNECTION_NAME,
    synchronize_all: true,
  });
  if (sync.status !== 201) return `demo tenant not synchronized: ${String(sync.body.message)}`;
  const deadline = Date.now() + 30_000;
  let status = "in_progress";
  while (status === "in_progress" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const current = await api.call("GET", `/cckm/sap/synchronization-jobs/${String(sync.body.id)}`);
    status = String(current.body.overall_status);
    if (status === "failed") status = `failed (${String(current.body.error)})`;
  }
  const keys = await api.call("GET", "/cckm/sap/keys?limit=1&gone=false");
  return `connection ${CONNECTION_NAME}, synchronization ${status}, ${String(keys.body.total)} key(s) in the inventory`;
}
