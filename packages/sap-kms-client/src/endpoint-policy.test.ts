import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressKind, EndpointForbiddenError, EndpointPolicy, guardedLookup } from "./endpoint-policy.ts";
import { SapKmsError } from "./errors.ts";
import { Transport } from "./transport.ts";

const strict = EndpointPolicy.of({ allowPrivate: false });
const opted = EndpointPolicy.of({ allowPrivate: true });
const hostOf = (url: string) => new URL(url).hostname;

describe("endpoint policy: address kinds", () => {
  it("knows link-local, unspecified and the private ranges, IPv4-mapped IPv6 included", () => {
    const cases: Record<string, string | undefined> = {
      "169.254.169.254": "link-local",
      "169.254.0.1": "link-local",
      "fe80::1": "link-local",
      "febf:ffff::1": "link-local",
      "::ffff:169.254.169.254": "link-local",
      "0.0.0.0": "unspecified",
      "::": "unspecified",
      "127.0.0.1": "loopback",
      "127.255.0.9": "loopback",
      "::1": "loopback",
      "10.1.2.3": "private",
      "172.16.0.1": "private",
      "172.31.255.255": "private",
      "192.168.1.1": "private",
      "::ffff:10.0.0.1": "private",
      "100.64.0.1": "shared",
      "100.127.255.255": "shared",
      "fc00::1": "unique-local",
      "fd12:3456::1": "unique-local",
      "172.32.0.1": undefined,
      "100.128.0.1": undefined,
      "8.8.8.8": undefined,
      "2001:db8::1": undefined,
      "sap.example.com": undefined,
      // Metadata services outside link-local, IPv4 carried inside IPv6, multicast, reserved (review of issue 12).
      "100.100.100.200": "reserved",
      "fd00:ec2::254": "reserved",
      "::169.254.169.254": "reserved",
      "2002:a9fe:a9fe::1": "reserved",
      "64:ff9b::a9fe:a9fe": "link-local",
      "64:ff9b::10.0.0.1": "private",
      "64:ff9b::8.8.8.8": undefined,
      "224.0.0.1": "reserved",
      "255.255.255.255": "reserved",
      "198.18.0.1": "reserved",
      "ff02::1": "reserved",
    };
    for (const [address, kind] of Object.entries(cases)) expect(addressKind(address), address).toBe(kind);
  });

  it("reads the host as URL parsing normalizes it: brackets, hex, decimal and localhost names", () => {
    for (const url of [
      "http://169.254.169.254/",
      "http://0xa9.0xfe.0xa9.0xfe/",
      "http://2852039166/",
      "http://[fe80::1]:8080/",
      "http://[::ffff:169.254.169.254]/",
      "http://0.0.0.0/",
      "http://[::]/",
    ]) {
      expect(opted.refusalOfHost(hostOf(url)), url).toMatchObject({ never: true });
    }
    for (const url of ["http://127.0.0.1:4040", "http://localhost:4040", "http://LOCALHOST./", "http://a.localhost/"]) {
      expect(strict.refusalOfHost(hostOf(url)), url).toMatchObject({ kind: "loopback", never: false });
      expect(opted.refusalOfHost(hostOf(url)), url).toBeUndefined();
    }
    expect(strict.refusalOfHost(hostOf("https://kms.example.com/"))).toBeUndefined();
    // Only literals are checked before connecting; names are the lookup's.
    expect(strict.refusalOfLiteral("localhost")).toBeUndefined();
  });
});

describe("endpoint policy: at connect time", () => {
  let server: Server;
  let port: number;
  let requests = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  // A resolver standing in for DNS: what a name resolves to is the point of these tests.
  const resolver =
    (addresses: string[]): Parameters<typeof guardedLookup>[1] =>
    (_name, _options, callback) =>
      callback(
        null,
        addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
      );
  const get = (host: string, lookup: ReturnType<typeof guardedLookup>) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host, port, path: "/", lookup, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });

  it("refuses a name that resolves to a link-local address, even with the opt-in, before any request", async () => {
    const before = requests;
    const refused = await get("metadata.test", guardedLookup(opted, resolver(["169.254.169.254"]))).catch((e) => e);
    expect(refused).toBeInstanceOf(EndpointForbiddenError);
    expect(refused).toMatchObject({
      code: "ENDPOINT_FORBIDDEN",
      refusal: { host: "metadata.test", kind: "link-local" },
    });
    // One bad address among good ones is enough.
    const mixed = await get("sap.test", guardedLookup(opted, resolver(["127.0.0.1", "fe80::1"]))).catch((e) => e);
    expect(mixed).toBeInstanceOf(EndpointForbiddenError);
    expect(requests).toBe(before);
  });

  it("refuses a name that resolves to loopback without the opt-in, and connects with it", async () => {
    const before = requests;
    const refused = await get("sap.test", guardedLookup(strict, resolver(["127.0.0.1"]))).catch((e) => e);
    expect(refused).toMatchObject({ code: "ENDPOINT_FORBIDDEN", refusal: { kind: "loopback", never: false } });
    expect(requests).toBe(before);
    expect(await get("sap.test", guardedLookup(opted, resolver(["127.0.0.1"])))).toBe(200);
    expect(requests).toBe(before + 1);
  });

  const ping = (baseUrl: string, allowPrivateEndpoints?: boolean) =>
    new Transport({ baseUrl, apiKey: "k", secret: "s", timeoutMs: 2000, allowPrivateEndpoints }).call({
      name: "ping",
      method: "GET",
      path: "/ping",
      authenticated: false,
    });

  it("the client refuses private endpoints by default with a permanent ENDPOINT_FORBIDDEN, by literal and by name", async () => {
    const before = requests;
    for (const url of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const error = await ping(url).catch((e) => e);
      expect(error, url).toBeInstanceOf(SapKmsError);
      expect(error, url).toMatchObject({ code: "ENDPOINT_FORBIDDEN", retryable: false });
    }
    for (const url of ["http://169.254.169.254", "http://[fe80::1]", "http://0.0.0.0:80"]) {
      expect(await ping(url, true).catch((e) => e), url).toMatchObject({ code: "ENDPOINT_FORBIDDEN" });
    }
    expect(requests).toBe(before);
  });

  it("the client reaches loopback, by literal and by name, with the opt-in", async () => {
    const before = requests;
    await ping(`http://127.0.0.1:${port}`, true);
    await ping(`http://localhost:${port}`, true);
    expect(requests).toBe(before + 2);
  });
});
