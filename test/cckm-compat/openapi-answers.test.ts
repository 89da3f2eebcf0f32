import { liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareToDocumented } from "../support/example-compare.ts";
import { httpsCall } from "../support/https-client.ts";
import { type OpenApiDocument, openApiChecker } from "../support/openapi-answers.ts";
import { ADMIN_PASSWORD, startStack, type TestStack, waitFor } from "../support/stack-processes.ts";
import { documentedExamples } from "./documented-examples.ts";

const CONNECTIONS = "/connectionmgmt/services/sap-dc/connections";
const SYNC_JOBS = "/cckm/sap/synchronization-jobs";
const JOBS = "/cckm/sap/keys/jobs";
const OTHER_CLOUDS = /\/(cckm|services)\/(aws|oci)\/|\/vault\/keys2/;

/**
 * Every route of the API answered for real, over HTTPS, and each answer checked against the
 * OpenAPI document the API serves (status declared, body matching its schema). A route whose
 * answers drift from the document, or a route no request reached, fails the test.
 */
describe("the OpenAPI document against the answers of every route", () => {
  let stack: TestStack;
  let checker: ReturnType<typeof openApiChecker>;
  let jwt = "";
  // Each 200/201 answer of a route with a documented example, compared with it field by field (a 202
  // answers the job, not the documented key).
  const compared = new Set<string>();
  const mismatches: string[] = [];

  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const https = stack.https as { url: string; ca: string };
    const url = `${https.url}/api/v1${path}`;
    const res = await httpsCall(url, {
      method,
      ca: https.ca,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(jwt ? { authorization: `Bearer ${jwt}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const parsed = res.text ? JSON.parse(res.text) : undefined;
    const operation = checker.check(method, url, res.status, parsed);
    if (res.status === 200 || res.status === 201) {
      for (const [name, example] of Object.entries(documentedExamples)) {
        if (example.route !== operation) continue;
        compared.add(name);
        mismatches.push(...compareToDocumented(example, parsed).map((m) => `${name} (${example.source}): ${m}`));
      }
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  const expectStatus = async (answer: Promise<{ status: number; body: any }>, status: number) => {
    const res = await answer;
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };
  const jobEnded = (id: string) =>
    waitFor(
      () => send("GET", `${JOBS}/${id}`),
      (r) => r.body.state === "DONE" || r.body.state === "FAILED",
    );

  beforeAll(async () => {
    // The synchronous delete routes wait 10 s for their job, so that a stopped worker gives their 202.
    stack = await startStack({ https: true, env: { KEY_JOB_WAIT_MS: "10000" } });
    const https = stack.https as { url: string; ca: string };
    const doc = await httpsCall(`${https.url}/api/docs/openapi.json`, { method: "GET", ca: https.ca });
    checker = openApiChecker(JSON.parse(doc.text) as OpenApiDocument);
  });
  afterAll(async () => {
    await stack?.stop();
    expect(liveProcesses()).toBe(0);
  });

  it("answers as documented, on every route", async () => {
    // Sign-in, users, sessions.
    const token = await expectStatus(
      send("POST", "/auth/tokens", { username: "admin", password: ADMIN_PASSWORD }),
      200,
    );
    jwt = token.jwt;
    const user = await expectStatus(
      send("POST", "/usermgmt/users", {
        username: "openapi-user",
        password: "openapi-password",
        groups: ["CCKM Users"],
      }),
      201,
    );
    await expectStatus(send("GET", "/usermgmt/users?limit=-1"), 200);
    await expectStatus(send("GET", `/usermgmt/users/${encodeURIComponent(user.user_id)}`), 200);
    await expectStatus(send("DELETE", `/usermgmt/users/${user.id}`), 204);

    // Connections.
    const credentials = { api_endpoint: stack.sap.url, technical_user_credentials: stack.sapCredentials };
    await expectStatus(send("POST", "/connectionmgmt/services/sap-dc/connection-test", credentials), 200);
    const connection = await expectStatus(send("POST", CONNECTIONS, { name: "openapi-sap", ...credentials }), 201);
    const spare = await expectStatus(send("POST", CONNECTIONS, { name: "openapi-spare", ...credentials }), 201);
    await expectStatus(send("GET", `${CONNECTIONS}?limit=5`), 200);
    await expectStatus(send("GET", `${CONNECTIONS}/openapi-sap`), 200);
    await expectStatus(send("PATCH", `${CONNECTIONS}/${connection.id}`, { description: "checked" }), 200);
    await expectStatus(send("POST", `${CONNECTIONS}/${connection.id}/test`), 200);
    await expectStatus(send("DELETE", `${CONNECTIONS}/${spare.id}`), 204);

    // Onboarding: get-groups, add-groups, then a synchronization (cancelled once, while no worker runs).
    const sapGroups = await expectStatus(send("POST", "/cckm/sap/get-groups", { connection: "openapi-sap" }), 200);
    expect(sapGroups.value.length).toBeGreaterThan(0);
    await expectStatus(
      send("POST", "/cckm/sap/add-groups", { connection: "openapi-sap", group_id: [sapGroups.value[0].id] }),
      200,
    );
    for (const worker of stack.workers) await worker.stop();
    const cancelled = await expectStatus(send("POST", SYNC_JOBS, { connection: "openapi-sap" }), 201);
    expect((await expectStatus(send("POST", `${SYNC_JOBS}/${cancelled.id}/cancel`), 200)).abort).toBe(true);
    await stack.startWorker();
    await waitFor(
      () => send("GET", `${SYNC_JOBS}/${cancelled.id}`),
      (r) => r.body.overall_status !== "in_progress",
    );
    const sync = await expectStatus(send("POST", SYNC_JOBS, { connection: "openapi-sap", synchronize_all: true }), 201);
    await waitFor(
      () => send("GET", `${SYNC_JOBS}/${sync.id}`),
      (r) => r.body.overall_status !== "in_progress",
    );
    await expectStatus(send("GET", `${SYNC_JOBS}?limit=-1`), 200);

    // Groups and keys.
    const groups = await expectStatus(send("GET", "/cckm/sap/groups?connection=openapi-sap&limit=-1"), 200);
    const group = groups.resources[0];
    await expectStatus(send("GET", `/cckm/sap/groups/${group.id}`), 200);
    const keys = await expectStatus(send("GET", "/cckm/sap/keys?limit=-1&sort=name"), 200);
    expect(keys.total).toBeGreaterThan(0);
    const made = await expectStatus(
      send("POST", "/cckm/sap/keys", {
        group: group.name,
        name: "openapi-key",
        type: "AES",
        size: 256,
        exportable: true,
      }),
      201,
    );
    await expectStatus(send("GET", `/cckm/sap/keys/${made.id}`), 200);

    // Versions.
    const versions = await expectStatus(send("GET", `/cckm/sap/keys/${made.id}/versions`), 200);
    await expectStatus(send("GET", `/cckm/sap/keys/${made.id}/versions/${versions.resources[0].id}`), 200);
    await expectStatus(send("POST", `/cckm/sap/keys/${made.id}/versions`, { is_native: true }), 201);

    // Key jobs: delete, poll (and its ETag), restore.
    const deletion = await expectStatus(send("POST", JOBS, { id: made.id, operation: "delete" }), 201);
    expect((await jobEnded(deletion.id)).body.state).toBe("DONE");
    // Polling an ended job: unchanged, so 304 for the ETag it answered.
    const polled = await send("GET", `${JOBS}/${deletion.id}`);
    const etag = polled.headers.get("etag") as string;
    await expectStatus(send("GET", `${JOBS}/${deletion.id}`, undefined, { "if-none-match": etag }), 304);
    const list = await send("GET", `${JOBS}?cckm_key_id=${made.id}`);
    await expectStatus(
      send("GET", `${JOBS}?cckm_key_id=${made.id}`, undefined, { "if-none-match": list.headers.get("etag") as string }),
      304,
    );
    // The job's events (server-sent events, not JSON): an ended job's stream replays its history and ends.
    const https = stack.https as { url: string; ca: string };
    const eventsUrl = `${https.url}/api/v1${JOBS}/${deletion.id}/events`;
    const events = await httpsCall(eventsUrl, {
      method: "GET",
      ca: https.ca,
      headers: { authorization: `Bearer ${jwt}`, accept: "text/event-stream" },
    });
    expect(events.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(events.text.match(/^event: job$/gm)?.length).toBeGreaterThanOrEqual(3);
    expect(events.text).toContain('"to_state":"DONE"');
    checker.check("GET", eventsUrl, events.status, undefined);
    const restore = await expectStatus(send("POST", JOBS, { id: made.id, operation: "restore" }), 201);
    expect((await jobEnded(restore.id)).body.state).toBe("DONE");
    await expectStatus(send("GET", `${JOBS}?limit=-1`), 200);

    // The synchronous delete (keep the backup), then dropping the backup, then a destroy.
    const deleted = await expectStatus(send("POST", `/cckm/sap/keys/${made.id}/delete`), 200);
    expect(deleted).toMatchObject({ gone: true, backup: true });
    expect((await expectStatus(send("POST", `/cckm/sap/keys/${made.id}/delete-backup`), 200)).backup).toBe(false);
    const other = keys.resources.find((k: { gone: boolean }) => !k.gone);
    await expectStatus(send("DELETE", `/cckm/sap/keys/${other.id}`), 204);

    // 202: a delete outlasting the wait (no worker runs), answered with its job; then it ends.
    const waiting = keys.resources.find((k: { id: string; gone: boolean }) => !k.gone && k.id !== other.id);
    for (const worker of stack.workers) await worker.stop();
    const accepted = await expectStatus(send("POST", `/cckm/sap/keys/${waiting.id}/delete`), 202);
    await stack.startWorker();
    expect((await jobEnded(accepted.id)).body.state).toBe("DONE");

    // The audit trail, and the session's end.
    await expectStatus(send("GET", "/audit/records?limit=20"), 200);
    await expectStatus(send("DELETE", `/auth/tokens/${token.refresh_token_id}`), 204);

    // The SAP area and the account routes; the AWS and OCI routes' answers are checked against the same
    // document by their own tests (test/aws-keys.test.ts, test/oci-keys.test.ts).
    expect(checker.unseenSuccesses([], (path) => !OTHER_CLOUDS.test(path))).toEqual([]);
    // …and field by field as CipherTrust's documented examples show them.
    expect(mismatches).toEqual([]);
    expect([...compared].sort()).toEqual(Object.keys(documentedExamples).sort());
  });

  it("answers errors with the documented error body", async () => {
    jwt = (await send("POST", "/auth/tokens", { username: "admin", password: ADMIN_PASSWORD })).body.jwt;
    const answers = [
      await send("GET", "/cckm/sap/keys/00000000-0000-4000-8000-000000000000"),
      await send("GET", "/cckm/sap/keys?limit=0"),
      await send("POST", JOBS, { id: "not-a-uuid", operation: "delete" }),
      await send("POST", "/auth/tokens", "username=admin", { "content-type": "text/plain" }),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 400, 400, 415]);
    jwt = "";
    expect((await send("GET", "/cckm/sap/keys")).status).toBe(401);
  });
});
