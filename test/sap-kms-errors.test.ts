import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SapKmsClient, SapKmsError } from "@cckm/sap-kms-client";
import { freePort, liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SapKmsProcess, startSapKms, TEST_API_KEY, TEST_SECRET } from "./support/sap-kms-process.ts";

async function rejection(promise: Promise<unknown>): Promise<SapKmsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SapKmsError) return error;
    throw error;
  }
  throw new Error("expected a SapKmsError");
}

describe("sap-kms client error classes, against the simulator", () => {
  let sim: SapKmsProcess;
  let groupId: string;
  let junk: Server;
  let junkUrl: string;

  beforeAll(async () => {
    sim = await startSapKms();
    groupId = (await sim.client().listGroups({ name: "demo-finance" }))[0]?.id ?? "";
    // A server that answers 200 with something that is not SAP's shape.
    junk = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"value":5}'));
    await new Promise<void>((resolve) => junk.listen(0, "127.0.0.1", resolve));
    junkUrl = `http://127.0.0.1:${(junk.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await sim?.stop();
    await new Promise((resolve) => junk?.close(resolve));
    expect(liveProcesses()).toBe(0);
  });

  it("wrong credentials: UNAUTHORIZED, not retryable", async () => {
    const client = sim.client({ secret: "wrong" });
    const error = await rejection(client.listGroups());
    expect(error).toMatchObject({ code: "UNAUTHORIZED", status: 401, retryable: false, operation: "auth.request" });
    expect(error.message).not.toContain("wrong");
  });

  it("bad input: BAD_REQUEST with the server's message, not retryable", async () => {
    const client = sim.client();
    const wrongType = await rejection(client.createKey({ name: "k", groupId, type: "AES", size: 100 }));
    expect(wrongType).toMatchObject({ code: "BAD_REQUEST", status: 400, retryable: false, serverCode: "BAD_REQUEST" });
    expect(wrongType.message).toMatch(/size of an AES key must be one of 128, 192, 256/);
    const unknownGroup = await rejection(
      client.createKey({ name: "k", groupId: "00000000-0000-4000-8000-000000000000", type: "AES" }),
    );
    expect(unknownGroup).toMatchObject({ code: "BAD_REQUEST", serverCode: "UNKNOWN_GROUP" });
    const badId = await rejection(client.getKey("not-a-uuid"));
    expect(badId).toMatchObject({ code: "BAD_REQUEST", status: 400 });
    const tooBig = await rejection(
      client.createKey({ name: "k", groupId, type: "AES", description: "x".repeat(70_000) }),
    );
    expect(tooBig).toMatchObject({ code: "BAD_REQUEST", status: 413, serverCode: "PAYLOAD_TOO_LARGE" });
  });

  it("not found: NOT_FOUND, distinguishable from a wrong endpoint (ENDPOINT_NOT_FOUND)", async () => {
    const missing = await rejection(sim.client().getKey("00000000-0000-4000-8000-000000000000"));
    expect(missing).toMatchObject({ code: "NOT_FOUND", status: 404, retryable: false });
    const misrouted = new SapKmsClient({
      baseUrl: `${sim.url}/some/proxy`,
      apiKey: TEST_API_KEY,
      secret: TEST_SECRET,
      allowPrivateEndpoints: true,
    });
    const error = await rejection(misrouted.deleteKey("00000000-0000-4000-8000-000000000000"));
    expect(error).toMatchObject({ code: "ENDPOINT_NOT_FOUND", status: 404, retryable: false });
  });

  it("any other 403: FORBIDDEN, not retryable", async () => {
    await sim.admin.setFaults([{ route: "keys.list", status: 403, times: 1 }]);
    const error = await rejection(sim.client().listKeys());
    expect(error).toMatchObject({ code: "FORBIDDEN", status: 403, retryable: false, serverCode: "INJECTED_FAULT" });
  });

  it("a duplicate key name in a group: CONFLICT", async () => {
    const error = await rejection(sim.client().createKey({ name: "finance-master-aes", groupId, type: "AES" }));
    expect(error).toMatchObject({ code: "CONFLICT", status: 409, retryable: false, serverCode: "KEY_NAME_CONFLICT" });
  });

  it("5xx: SERVER_ERROR, retryable", async () => {
    await sim.admin.setFaults([{ route: "keys.list", status: 502, times: 1 }]);
    const error = await rejection(sim.client().listKeys());
    expect(error).toMatchObject({ code: "SERVER_ERROR", status: 502, retryable: true, serverCode: "INJECTED_FAULT" });
    expect(await sim.client().listKeys()).not.toEqual([]);
  });

  it("429: RATE_LIMITED, retryable, with the server's Retry-After", async () => {
    await sim.admin.setFaults([{ route: "groups.list", rateLimit: 0, retryAfterSeconds: 7, windowMs: 60_000 }]);
    const error = await rejection(sim.client().listGroups());
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429, retryable: true, retryAfterMs: 7000 });
    await sim.admin.clearFaults();
  });

  it("no answer in time: TIMEOUT, retryable", async () => {
    await sim.admin.setFaults([{ route: "keys.get", hangRate: 1, times: 1 }]);
    const [key] = await sim.client().listKeys({ top: 1 });
    const error = await rejection(sim.client({ timeoutMs: 300 }).getKey(key?.id ?? ""));
    expect(error).toMatchObject({ code: "TIMEOUT", retryable: true, status: undefined });
  });

  it("nobody listening: NETWORK, retryable", async () => {
    const client = new SapKmsClient({
      baseUrl: `http://127.0.0.1:${await freePort()}`,
      apiKey: "a",
      secret: "b",
      allowPrivateEndpoints: true,
    });
    const error = await rejection(client.listGroups());
    expect(error).toMatchObject({ code: "NETWORK", retryable: true, status: undefined });
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("an answer that is not SAP's shape: INVALID_RESPONSE, not retryable", async () => {
    const client = new SapKmsClient({ baseUrl: junkUrl, apiKey: "a", secret: "b", allowPrivateEndpoints: true });
    const error = await rejection(client.login());
    expect(error).toMatchObject({ code: "INVALID_RESPONSE", status: 200, retryable: false });
  });

  it("malformed input straight over HTTP gets a 4xx error body, never a 500", async () => {
    const token = (await (
      await fetch(`${sim.url}/kms/v2/auth/request`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ apiKey: TEST_API_KEY, secret: TEST_SECRET }),
      })
    ).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${token.accessToken}`, "content-type": "application/json" };
    const cases: Array<[string, string, string | undefined]> = [
      ["POST", "/kms/v2/keys", "{not json"],
      ["POST", "/kms/v2/keys", "[]"],
      ["POST", "/kms/v2/keys", JSON.stringify({ name: 5, groupId, type: "AES" })],
      ["POST", "/kms/v2/keys", JSON.stringify({ name: "x", groupId, type: "DES" })],
      ["POST", "/kms/v2/keys", JSON.stringify({ name: "x", groupId, type: "AES", extra: true })],
      ["POST", "/kms/v2/keys", JSON.stringify({ name: "x", groupId, type: "EC", operations: ["ENCRYPT"] })],
      ["GET", "/kms/v2/groups?$filter=name eq", undefined],
      ["GET", "/kms/v2/groups?$filter=secret eq 'x'", undefined],
      ["GET", "/kms/v2/groups?$filter=name eq 'x' or id eq 'y'", undefined],
      ["GET", "/kms/v2/groups?$top=-1", undefined],
      ["GET", "/kms/v2/groups?$top=1&$top=2", undefined],
      ["GET", "/kms/v2/groups?$orderby=name", undefined],
      ["GET", "/kms/v2/groups?$expand=keys", undefined],
      ["GET", "/kms/v2/keys/x/versions/abc/publicKey", undefined],
      [
        "POST",
        "/kms/v2/crypto/unwrap",
        JSON.stringify({ keyId: groupId, version: 0, algorithm: "X", wrappedKey: "!" }),
      ],
      [
        "POST",
        "/kms/v2/crypto/unwrap",
        JSON.stringify({
          keyId: groupId,
          version: 0,
          algorithm: "OAEP_MGF1_SHA256",
          wrappedKey: "AAAA",
          targetKeyId: groupId,
        }),
      ],
      ["POST", "/kms/v2/auth/request", JSON.stringify({ apiKey: ["a"], secret: 1 })],
    ];
    for (const [method, path, body] of cases) {
      const res = await fetch(`${sim.url}${path}`, { method, headers: auth, body });
      const answer = (await res.json()) as { error?: { code?: string; message?: string } };
      expect([path, res.status >= 400 && res.status < 500]).toEqual([path, true]);
      expect(typeof answer.error?.code).toBe("string");
      expect(answer.error?.message?.length).toBeGreaterThan(0);
    }
    const noToken = await fetch(`${sim.url}/kms/v2/groups`);
    expect([noToken.status, noToken.headers.get("www-authenticate")]).toEqual([401, "Bearer"]);
    expect((await fetch(`${sim.url}/healthz`)).status).toBe(200);
  });
});
