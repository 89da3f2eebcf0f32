import { randomUUID } from "node:crypto";
import { AWS_SYNC_JOBS_QUEUE, OCI_SYNC_JOBS_QUEUE } from "@cckm/jobs";
import { createWorkerConnection, KEY_JOBS_QUEUE, SYNC_JOBS_QUEUE } from "@cckm/queue";
import { testRedisUrl } from "@cckm/testkit";
import { type Queue, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api-harness.ts";
import { boardFetch, boardLogin, openQueue } from "../test-support/board-client.ts";
import { BOARD_CSP } from "./board-csp.ts";
import { REDACTED } from "./payload-redaction.ts";

const QUEUES_API = "/admin/queues/api/queues";
const KEY_QUEUE_API = `${QUEUES_API}/${KEY_JOBS_QUEUE}`;

describe("Bull Board rights, CSRF and what it shows", () => {
  let api: TestApi;
  let keyJobs: Queue;
  let admin: string;
  let reader: string;
  const jobId = randomUUID();

  beforeAll(async () => {
    api = await startTestApi();
    keyJobs = openQueue(api, KEY_JOBS_QUEUE);
    await keyJobs.add("delete", { jobId }, { jobId });
    await api.createUser("alice", "alice-password", ["admin"]);
    await api.createUser("bob", "bob-password", ["CCKM Users"]);
    admin = await boardLogin(api, "alice", "alice-password");
    reader = await boardLogin(api, "bob", "bob-password");
  });
  afterAll(async () => {
    await keyJobs.close();
    await api.close();
  });

  it("lists every queue of the API for both kinds of user, read-only for CCKM Users", async () => {
    for (const [cookie, readOnlyMode] of [
      [admin, false],
      [reader, true],
    ] as const) {
      const res = await boardFetch(api, "GET", QUEUES_API, { cookie });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
      expect(body.queues.map((q) => q.name).sort()).toEqual(
        [AWS_SYNC_JOBS_QUEUE, OCI_SYNC_JOBS_QUEUE, KEY_JOBS_QUEUE, SYNC_JOBS_QUEUE].sort(),
      );
      expect(body.queues.every((q) => q.readOnlyMode === readOnlyMode)).toBe(true);
      const page = await boardFetch(api, "GET", `/admin/queues/queue/${KEY_JOBS_QUEUE}`, { cookie });
      expect(page.status).toBe(200);
      expect(page.headers.get("content-security-policy")).toBe(BOARD_CSP);
      expect(page.headers.get("referrer-policy")).toBe("same-origin");
      expect(page.headers.get("x-powered-by")).toBeNull();
    }
  });

  it("never lets a read-only user change anything (403 before bull-board), but lets them read", async () => {
    for (const [method, path] of [
      ["PUT", `${KEY_QUEUE_API}/pause`],
      ["PUT", `${QUEUES_API}/pause`],
      ["PUT", `${KEY_QUEUE_API}/empty`],
      ["PUT", `${KEY_QUEUE_API}/${jobId}/clean`],
      ["PUT", `${KEY_QUEUE_API}/obliterate`],
      ["POST", `${KEY_QUEUE_API}/add`],
      ["PATCH", `${KEY_QUEUE_API}/${jobId}/priority`],
      ["DELETE", `${KEY_QUEUE_API}/${jobId}`],
    ] as const) {
      const res = await boardFetch(api, method, path, { cookie: reader, body: {} });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await res.json()).toMatchObject({ code: 403, codeDesc: "NCERRForbidden: Forbidden" });
    }
    expect(await keyJobs.isPaused()).toBe(false);
    expect(await keyJobs.getJobState(jobId)).toBe("waiting");
    expect((await boardFetch(api, "GET", `${KEY_QUEUE_API}/${jobId}`, { cookie: reader })).status).toBe(200);

    const denied = await api.db.auditRecord.findMany({ where: { action: "board.action", actorName: "bob" } });
    expect(denied.length).toBe(8);
    expect(denied.every((r) => r.outcome === "denied" && r.status === 403)).toBe(true);
  });

  it("refuses a change without a same-origin Origin (or Referer), and takes it with one", async () => {
    const pause = `${KEY_QUEUE_API}/pause`;
    const refused: Parameters<typeof boardFetch>[3][] = [
      { origin: null },
      { origin: "http://evil.example" },
      { origin: "null" },
      { origin: api.url.replace("127.0.0.1", "localhost") },
      { origin: api.url, headers: { "sec-fetch-site": "cross-site" } },
      { origin: null, headers: { referer: "http://evil.example/admin/queues" } },
    ];
    for (const options of refused) {
      const res = await boardFetch(api, "PUT", pause, { ...options, cookie: admin });
      expect(res.status, JSON.stringify(options)).toBe(403);
      expect(((await res.json()) as { message: string }).message).toMatch(/^cross-site request refused/);
    }
    expect(await keyJobs.isPaused()).toBe(false);

    const byReferer = await boardFetch(api, "PUT", pause, {
      cookie: admin,
      origin: null,
      headers: { referer: `${api.url}/admin/queues/queue/${KEY_JOBS_QUEUE}` },
    });
    expect(byReferer.status).toBe(200);
    expect(await keyJobs.isPaused()).toBe(true);
    const resume = await boardFetch(api, "PUT", `${KEY_QUEUE_API}/resume`, {
      cookie: admin,
      headers: { "sec-fetch-site": "same-origin", "x-request-id": "board-resume" },
    });
    expect(resume.status).toBe(200);
    expect(await keyJobs.isPaused()).toBe(false);
    const record = await api.db.auditRecord.findFirstOrThrow({ where: { requestId: "board-resume" } });
    expect(record).toMatchObject({
      action: "board.action",
      actorName: "alice",
      resourceType: "queue",
      resourceId: KEY_JOBS_QUEUE,
      outcome: "success",
    });

    const login = await boardFetch(api, "POST", "/admin/login", {
      origin: "http://evil.example",
      form: { username: "alice", password: "alice-password" },
    });
    expect(login.status).toBe(403);
    expect(login.headers.getSetCookie()).toEqual([]);
  });

  it("refuses adding or editing jobs on the board, admins included: jobs come from the API", async () => {
    const add = await boardFetch(api, "POST", `${KEY_QUEUE_API}/add`, {
      cookie: admin,
      body: { name: "delete", data: { jobId: randomUUID() } },
    });
    expect(add.status).toBe(403);
    const edit = await boardFetch(api, "PATCH", `${KEY_QUEUE_API}/${jobId}/update-data`, {
      cookie: admin,
      body: { data: { jobId, note: "x" } },
    });
    expect(edit.status).toBe(403);
    expect(await keyJobs.getJob(jobId)).toMatchObject({ data: { jobId } });
    expect(await keyJobs.count()).toBe(1);
  });

  it("shows ids and states only: other payloads, return values and job logs never appear", async () => {
    const intruder = randomUUID();
    await keyJobs.add("delete", { jobId: intruder, material: "SECRET-PAYLOAD" }, { jobId: intruder });
    const syncJobs = openQueue(api, SYNC_JOBS_QUEUE);
    const done = randomUUID();
    const failed = randomUUID();
    const connection = createWorkerConnection(testRedisUrl(), "board-test-worker");
    const worker = new Worker(
      SYNC_JOBS_QUEUE,
      async (job) => {
        await job.log("SECRET-LOG");
        if (job.id === failed) throw new Error("upstream answered 503");
        return { material: "SECRET-RETURN" };
      },
      { connection, prefix: api.config.redisPrefix, autorun: false },
    );
    try {
      const finished = new Promise<void>((resolve) => {
        let count = 0;
        const one = () => {
          count += 1;
          if (count === 2) resolve();
        };
        worker.on("completed", one);
        worker.on("failed", one);
      });
      await syncJobs.add("sync", { syncJobId: done }, { jobId: done });
      await syncJobs.add("sync", { syncJobId: failed }, { jobId: failed, attempts: 1 });
      void worker.run();
      await finished;

      const bodies: string[] = [];
      for (const path of [
        `${QUEUES_API}?activeQueue=${KEY_JOBS_QUEUE}&status=latest`,
        `${QUEUES_API}?activeQueue=${SYNC_JOBS_QUEUE}&status=latest`,
        `${KEY_QUEUE_API}/${intruder}`,
        `${QUEUES_API}/${SYNC_JOBS_QUEUE}/${done}`,
        `${QUEUES_API}/${SYNC_JOBS_QUEUE}/${failed}`,
      ]) {
        const res = await boardFetch(api, "GET", path, { cookie: reader });
        expect(res.status, path).toBe(200);
        bodies.push(await res.text());
      }
      const all = bodies.join("\n");
      for (const secret of ["SECRET-PAYLOAD", "SECRET-RETURN"]) expect(all).not.toContain(secret);
      expect(all).toContain(REDACTED);
      expect(all).toContain(`{"jobId":"${jobId}"}`);
      expect(JSON.parse(bodies[3] ?? "")).toMatchObject({
        status: "completed",
        job: { id: done, data: { syncJobId: done }, returnValue: null },
      });
      expect(JSON.parse(bodies[4] ?? "")).toMatchObject({
        status: "failed",
        job: { id: failed, failedReason: "upstream answered 503" },
      });
      const logs = await boardFetch(api, "GET", `${QUEUES_API}/${SYNC_JOBS_QUEUE}/${done}/logs`, { cookie: reader });
      expect(logs.status).toBe(200);
      expect(await logs.json()).toEqual([]);
    } finally {
      await worker.close();
      connection.disconnect();
      await syncJobs.close();
      await keyJobs.remove(intruder);
    }
  });
});
