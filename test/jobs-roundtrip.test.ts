import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, fingerprints, finished, JOBS, sapKey, submit } from "./support/jobs-fixture.ts";
import { startStack, type TestStack } from "./support/stack-processes.ts";

describe("delete then restore", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  it.each(["AES", "RSA", "EC"] as const)(
    "round-trips a %s key of three versions: the restored key holds the same material",
    async (type) => {
      const { sap, id } = await sapKey(stack, { name: `roundtrip-${type.toLowerCase()}`, type, versions: 3 });
      const before = await fingerprints(stack, sap.id, 3);
      expect(new Set(before).size).toBe(3);

      const submitted = await submit(stack, { id, operation: "delete", delete_if_backup_fails: false });
      expect(submitted.status).toBe(201);
      expect(submitted.body).toMatchObject({
        uri: `kylo:kylo:cckm:sap_job:${submitted.body.id}`,
        account: "kylo:kylo:admin:accounts:kylo",
        cckm_key_id: id,
        key_id: sap.id,
        group_id: sap.groupId,
        job_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        operation: "delete",
        creator_name: "admin",
        creator_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        state: "PENDING",
        delete_if_backup_fails: false,
        backup_status: "none",
      });
      const deleted = await finished(stack, submitted.body.id);
      expect(deleted).toMatchObject({ state: "DONE", backup_status: "done", completed_at: expect.any(String) });
      const gone = (await stack.call("GET", `/cckm/sap/keys/${id}`)).body;
      expect(gone).toMatchObject({ gone: true, backup: true });
      await expect(stack.sap.client().getKey(sap.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

      const restore = await submit(stack, { id, operation: "restore" });
      expect(restore.status).toBe(201);
      const restored = await finished(stack, restore.body.id);
      expect(restored).toMatchObject({ state: "DONE", operation: "restore" });
      const back = (await stack.call("GET", `/cckm/sap/keys/${id}`)).body;
      expect(back).toMatchObject({ id, gone: false, backup: true, versions: 3 });
      expect(back.sap_param.sap_key_id).not.toBe(sap.id);
      expect(await fingerprints(stack, back.sap_param.sap_key_id, 3)).toEqual(before);

      const events = await stack.call("GET", `${JOBS}?cckm_key_id=${id}`);
      expect(events.body.resources.map((j: any) => [j.operation, j.state])).toEqual([
        ["restore", "DONE"],
        ["delete", "DONE"],
      ]);
    },
  );

  it("answers 304 to a poll while nothing changed, and filters the list", async () => {
    const list = await fetch(`${stack.apiUrl}/api/v1${JOBS}?state=DONE`, { headers: await authHeaders(stack) });
    const etag = list.headers.get("etag");
    expect(etag).toMatch(/^W\/"/);
    const again = await fetch(`${stack.apiUrl}/api/v1${JOBS}?state=DONE`, {
      headers: { ...(await authHeaders(stack)), "if-none-match": etag as string },
    });
    expect(again.status).toBe(304);
    const [job] = ((await list.json()) as { resources: Array<{ id: string }> }).resources;
    const one = await fetch(`${stack.apiUrl}/api/v1${JOBS}/${job?.id}`, { headers: await authHeaders(stack) });
    const oneAgain = await fetch(`${stack.apiUrl}/api/v1${JOBS}/${job?.id}`, {
      headers: { ...(await authHeaders(stack)), "if-none-match": one.headers.get("etag") as string },
    });
    expect(oneAgain.status).toBe(304);
    expect(
      (await stack.call("GET", `${JOBS}?operation=restore`)).body.resources.every(
        (j: any) => j.operation === "restore",
      ),
    ).toBe(true);
    expect((await stack.call("GET", `${JOBS}?limit=1001`)).status).toBe(400);
    expect((await stack.call("GET", `${JOBS}?state=done`)).status).toBe(400);
  });
});

async function authHeaders(stack: TestStack) {
  const res = await fetch(`${stack.apiUrl}/api/v1/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grant_type: "password", username: "admin", password: "stack-admin-password" }),
  });
  return { authorization: `Bearer ${((await res.json()) as { jwt: string }).jwt}` };
}
