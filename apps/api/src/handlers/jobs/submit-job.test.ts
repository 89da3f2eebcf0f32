import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api-harness.ts";
import { seedInventory } from "../../test-support/inventory-fixtures.ts";

const JOBS = "/api/v1/cckm/sap/keys/jobs";

describe("POST /cckm/sap/keys/jobs and the audit trail", () => {
  let api: TestApi;
  let token: string;
  let keyId: string;
  beforeAll(async () => {
    api = await startTestApi();
    await api.createUser("admin", "admin-password", ["admin"]);
    token = (await api.login("admin", "admin-password")).jwt;
    keyId = (await (await seedInventory(api.db, api.keyring)).key({ name: "audited" })).id;
  });
  afterAll(async () => {
    await api.close();
  });

  const recordsOf = (requestId: string) =>
    api.db.auditRecord.findMany({ where: { requestId }, orderBy: { createdAt: "asc" } });

  it("writes one record for an accepted job, in the job's own statement, naming the job", async () => {
    const res = await api.request("POST", JOBS, { token, body: { id: keyId, operation: "delete" } });
    expect(res.status).toBe(201);
    const job = (await res.json()) as { id: string };
    const records = await recordsOf(res.headers.get("x-request-id") as string);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: "job.delete.submit",
      resourceType: "sap_job",
      resourceId: job.id,
      outcome: "success",
      status: 201,
      actorName: "admin",
      detail: { cckm_key_id: keyId, delete_if_backup_fails: false },
    });
  });

  it("writes one failure record for a refused job, and no job", async () => {
    const res = await api.request("POST", JOBS, { token, body: { id: keyId, operation: "delete" } });
    expect(res.status).toBe(409);
    const records = await recordsOf(res.headers.get("x-request-id") as string);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: "job.delete.submit",
      outcome: "failure",
      status: 409,
      resourceId: null,
    });
    expect(await api.db.sapKeyJob.count({ where: { cckmKeyId: keyId } })).toBe(1);
  });
});
