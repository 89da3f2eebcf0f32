import { createServer, type Server } from "node:http";
import type { AddressInfo, LookupFunction } from "node:net";
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { AwsKmsClient } from "./client.ts";
import type { AwsKmsClientOptions } from "./config.ts";
import { AwsKmsError } from "./errors.ts";

const SECRET = "client-test-secret-access-key-00000000001";
const connection = { region: "eu-west-1", accessKeyId: "AKIACLIENTTEST000001", secretAccessKey: SECRET };

/** A local server answering every request with `status` and `body`, counting requests by X-Amz-Target. */
async function answering(status: number, body: string, contentType = "application/x-amz-json-1.1") {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(String(req.headers["x-amz-target"]));
    req.resume();
    req.on("end", () => res.writeHead(status, { "content-type": contentType }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const servers: Server[] = [];
const clients: AwsKmsClient[] = [];
afterAll(async () => {
  for (const client of clients) client.close();
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

function client(endpoint: string, options: AwsKmsClientOptions = {}) {
  const kms = new AwsKmsClient({ ...connection, endpoint }, { random: () => 0, ...options });
  clients.push(kms);
  return kms;
}

async function failure(call: Promise<unknown>): Promise<AwsKmsError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AwsKmsError);
  return error as AwsKmsError;
}

const awsError = (type: string, message: string) => JSON.stringify({ __type: type, message });

describe("AwsKmsClient (the SDK against local servers)", () => {
  it("retries a 5xx maxAttempts times, then fails with a transient SERVER_ERROR", async () => {
    const server = await answering(500, awsError("KMSInternalException", "down"));
    const error = await failure(client(server.url, { maxAttempts: 3 }).describeKey("alias/x"));
    expect(error).toMatchObject({ code: "SERVER_ERROR", transient: true, status: 500, attempts: 3 });
    expect(error.message).toBe("DescribeKey: KMSInternalException (HTTP 500): down");
    expect(server.seen).toEqual(Array(3).fill("TrentService.DescribeKey"));
  });

  it("sends CreateKey once on a 5xx (KMS does not deduplicate it), again when throttled", async () => {
    const down = await answering(503, awsError("KMSInternalException", "down"));
    expect(await failure(client(down.url, { maxAttempts: 3 }).createKey())).toMatchObject({ code: "SERVER_ERROR" });
    expect(down.seen).toHaveLength(1);
    const busy = await answering(400, awsError("ThrottlingException", "Rate exceeded"));
    expect(await failure(client(busy.url, { maxAttempts: 3 }).createKey())).toMatchObject({
      code: "THROTTLED",
      attempts: 3,
    });
    expect(busy.seen).toHaveLength(3);
  });

  it("reads a 404 page as ENDPOINT_NOT_FOUND (never NOT_FOUND), permanent, not retried", async () => {
    const page = await answering(404, "<html>not here</html>", "text/html");
    const error = await failure(client(page.url).describeKey("alias/x"));
    expect(error).toMatchObject({ code: "ENDPOINT_NOT_FOUND", transient: false, status: 404 });
    expect(page.seen).toHaveLength(1);
  });

  it("reads a refused connection as a transient NETWORK error", async () => {
    const gone = await answering(200, "{}");
    const server = servers.pop();
    await new Promise((resolve) => server?.close(resolve));
    const error = await failure(client(gone.url, { maxAttempts: 2 }).listKeys());
    expect(error).toMatchObject({ code: "NETWORK", transient: true, attempts: 2 });
  });

  it("checks the deletion window before any request", async () => {
    const server = await answering(200, "{}");
    const kms = client(server.url);
    for (const days of [6, 31, 7.5]) {
      expect(await failure(kms.scheduleKeyDeletion("k", days))).toMatchObject({ code: "VALIDATION", transient: false });
    }
    expect(server.seen).toEqual([]);
  });

  it("refuses a connection that cannot work, and endpoints the guard refuses", async () => {
    const make =
      (overrides: object, options: AwsKmsClientOptions = {}) =>
      () =>
        new AwsKmsClient({ ...connection, ...overrides }, options);
    expect(make({ region: "Europe" })).toThrowError(expect.objectContaining({ code: "INVALID_CONFIG" }));
    expect(make({ endpoint: "ftp://kms.example" })).toThrowError(expect.objectContaining({ code: "INVALID_CONFIG" }));
    expect(make({ endpoint: "http://user:pw@kms.example" })).toThrowError(/must not carry credentials/);
    const guard = {
      lookup: (() => {}) as unknown as LookupFunction,
      refusalOfLiteral: (h: string) => (h === "169.254.169.254" ? { h } : undefined),
    };
    expect(make({ endpoint: "http://169.254.169.254" }, { endpoints: guard })).toThrowError(
      expect.objectContaining({ code: "ENDPOINT_FORBIDDEN", transient: false }),
    );
    const refusingLookup: LookupFunction = (_host, _options, callback) =>
      callback(Object.assign(new Error("resolves to a link-local address"), { code: "ENDPOINT_FORBIDDEN" }), "", 0);
    const kms = client("http://kms.example.test:4566", {
      maxAttempts: 3,
      endpoints: { lookup: refusingLookup, refusalOfLiteral: () => undefined },
    });
    expect(await failure(kms.listKeys())).toMatchObject({ code: "ENDPOINT_FORBIDDEN", transient: false, attempts: 1 });
  });

  it("never shows the secret access key: JSON, string and inspect forms, errors, logs", async () => {
    const lines: string[] = [];
    const logger = {
      debug: (f: object, m: string) => lines.push(m + JSON.stringify(f)),
      warn: (f: object, m: string) => lines.push(m + JSON.stringify(f)),
    };
    const server = await answering(
      400,
      awsError("UnrecognizedClientException", "The security token included in the request is invalid."),
    );
    const kms = client(server.url, { logger });
    const error = await failure(kms.listKeys());
    expect(error).toMatchObject({ code: "UNRECOGNIZED_CLIENT", transient: false });
    expect(JSON.parse(JSON.stringify(kms))).toEqual({
      connection: {
        endpoint: server.url,
        region: "eu-west-1",
        accessKeyId: connection.accessKeyId,
        secretAccessKey: "[redacted]",
      },
      maxAttempts: 3,
      timeoutMs: 10_000,
    });
    const forms = [JSON.stringify(kms), String(kms), inspect(kms, { depth: 10, showHidden: true }), String(error)];
    forms.push(JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), ...lines);
    for (const text of forms) expect(text).not.toContain(SECRET);
    expect(lines).toHaveLength(1);
  });
});
