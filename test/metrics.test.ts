import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, finished, sapKey, submit } from "./support/jobs-fixture.ts";
import { startStack, type TestStack } from "./support/stack-processes.ts";

function value(text: string, metric: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split("\n").find((l) => l.startsWith(`${metric}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("Prometheus metrics", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  it("count requests, jobs, SAP calls and queue depth, on the API and the worker", async () => {
    const { id } = await sapKey(stack, { name: "metrics", type: "AES" });
    const job = await submit(stack, { id, operation: "delete" });
    expect(await finished(stack, job.body.id)).toMatchObject({ state: "DONE" });

    const api = await (await fetch(`${stack.apiUrl}/metrics`)).text();
    expect(value(api, "cckm_jobs_submitted_total", { operation: "delete" })).toBe(1);
    expect(
      value(api, "cckm_http_request_duration_seconds_count", {
        route: "/api/v1/cckm/sap/keys/jobs",
        method: "POST",
        status: "201",
      }),
    ).toBe(1);
    expect(api).toContain('route="/api/v1/cckm/sap/keys/jobs/:id"'); // patterns, never ids
    expect(api).not.toContain(job.body.id);
    expect(api).toMatch(/cckm_queue_jobs\{[^}]*queue="sap-key-jobs"[^}]*state="waiting"/);

    const workerPort = /worker health on http:\/\/127\.0\.0\.1:(\d+)/.exec(stack.workers[0]?.output() ?? "")?.[1];
    const worker = await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text();
    expect(value(worker, "cckm_jobs_finished_total", { operation: "delete", outcome: "DONE" })).toBe(1);
    expect(value(worker, "cckm_job_duration_seconds_count", { operation: "delete", outcome: "DONE" })).toBe(1);
    expect(value(worker, "cckm_sap_request_duration_seconds_count", { operation: "keys.delete", status: "204" })).toBe(
      1,
    );
    expect(
      value(worker, "cckm_sap_request_duration_seconds_count", { operation: "versions.export", status: "200" }),
    ).toBe(1);
  });
});
