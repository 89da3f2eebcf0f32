import type { Key } from "@cckm/sap-kms-client";
import pg from "pg";
import { type TestStack, waitFor } from "./stack-processes.ts";

export const JOBS = "/cckm/sap/keys/jobs";

/** Connects the stack's simulator tenant and synchronizes it; returns the inventory's keys. */
export async function connectAndSync(stack: TestStack): Promise<void> {
  const created = await stack.call("POST", "/connectionmgmt/services/sap-dc/connections", {
    name: "tenant",
    api_endpoint: stack.sap.url,
    technical_user: stack.sapCredentials,
  });
  if (created.status !== 201) throw new Error(`connection: ${JSON.stringify(created.body)}`);
  await syncAll(stack);
}

export async function syncAll(stack: TestStack): Promise<void> {
  const sync = await stack.call("POST", "/cckm/sap/synchronization-jobs", {
    connection: "tenant",
    synchronize_all: true,
  });
  await waitFor(
    () => stack.call("GET", `/cckm/sap/synchronization-jobs/${sync.body.id}`),
    (r) => r.body.overall_status !== "in_progress",
  );
}

/** Creates a key in SAP (with `versions` versions) straight through the simulator, then syncs it in. */
export async function sapKey(
  stack: TestStack,
  spec: { name: string; type: "AES" | "RSA" | "EC"; versions?: number; exportable?: boolean },
): Promise<{ sap: Key; id: string }> {
  const client = stack.sap.client();
  const [group] = await client.listAllGroups();
  if (!group) throw new Error("the demo tenant has no group");
  const sap = await client.createKey({
    name: spec.name,
    groupId: group.id,
    type: spec.type,
    ...(spec.type === "EC" ? { curve: "P-256" } : { size: spec.type === "AES" ? 256 : 2048 }),
    exportable: spec.exportable ?? true,
  });
  for (let v = 1; v < (spec.versions ?? 1); v++) await client.createVersion(sap.id);
  await syncAll(stack);
  const listed = await stack.call("GET", `/cckm/sap/keys?sap_key_id=${sap.id}`);
  const id = listed.body.resources[0]?.id;
  if (!id) throw new Error(`key ${spec.name} did not sync in`);
  return { sap, id };
}

export async function submit(stack: TestStack, body: Record<string, unknown>) {
  return stack.call("POST", JOBS, body);
}

/** Polls the job until it is DONE or FAILED. */
export async function finished(stack: TestStack, jobId: string, timeoutMs = 60_000) {
  return (
    await waitFor(
      () => stack.call("GET", `${JOBS}/${jobId}`),
      (r) => r.body.state === "DONE" || r.body.state === "FAILED",
      timeoutMs,
    )
  ).body;
}

export async function fingerprints(stack: TestStack, sapKeyId: string, versions: number): Promise<string[]> {
  const result: string[] = [];
  for (let v = 0; v < versions; v++) result.push(await stack.sap.admin.fingerprint(sapKeyId, v));
  return result;
}

/** The rows of one SQL statement against the stack's database (its own short-lived connection). */
export async function rows<T extends pg.QueryResultRow>(
  stack: TestStack,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: stack.db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** How often the simulator answered a route for a key, by HTTP status (e.g. `{ "204": 1 }`). */
export async function sapStatuses(stack: TestStack, route: string, keyId: string): Promise<Record<string, number>> {
  const total: Record<string, number> = {};
  for (const r of await stack.sap.admin.requests({ route, keyId })) {
    for (const [s, n] of Object.entries(r.byStatus)) total[s] = (total[s] ?? 0) + n;
  }
  return total;
}
