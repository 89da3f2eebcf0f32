import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, finished, sapKey, submit } from "./support/jobs-fixture.ts";
import { startStack, type TestStack } from "./support/stack-processes.ts";

describe("racing submissions and racing workers", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ workerEnv: { WORKER_CONCURRENCY: "4" } });
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  it("two submissions for one key at once: one 201, one 409 (the database decides)", async () => {
    const { id } = await sapKey(stack, { name: "race-submit", type: "AES" });
    const results = await Promise.all([
      submit(stack, { id, operation: "delete" }),
      submit(stack, { id, operation: "delete" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const created = results.find((r) => r.status === 201);
    expect(await finished(stack, created?.body.id)).toMatchObject({ state: "DONE" });
  });

  it("four workers racing over twenty jobs: each job runs its SAP side once", async () => {
    await Promise.all([stack.startWorker(), stack.startWorker(), stack.startWorker()]);
    expect(stack.workers).toHaveLength(4);
    const keys = [];
    for (let i = 0; i < 20; i++) keys.push(await sapKey(stack, { name: `race-${i}`, type: i % 2 ? "RSA" : "AES" }));
    await stack.sap.admin.resetRequests();
    const jobs = await Promise.all(keys.map((k) => submit(stack, { id: k.id, operation: "delete" })));
    for (const job of jobs) expect(await finished(stack, job.body.id)).toMatchObject({ state: "DONE" });
    for (const k of keys) {
      expect(await stack.sap.admin.count("keys.delete", k.sap.id)).toBe(1);
      expect(await stack.sap.admin.count("versions.export", k.sap.id)).toBe(1);
    }
  });
});
