import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SapKmsApi } from "./api.ts";
import { SapKmsError } from "./errors.ts";
import type { SapCallThrottle } from "./transport.ts";

describe("the client's throttle hook (a real local server)", () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === "/kms/v2/auth/request") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ accessToken: "t", expiresIn: 3600 }));
      }
      if (req.url === "/kms/v2/keys/busy") {
        res.writeHead(429, { "retry-after": "2", "content-type": "application/json" });
        return res.end(JSON.stringify({ error: { code: "RATE_LIMITED", message: "slow down" } }));
      }
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function client(throttle: SapCallThrottle) {
    return new SapKmsApi({ baseUrl: base, apiKey: "k", secret: "s", allowPrivateEndpoints: true, throttle });
  }

  it("asks before every request (the login too) and hears each 429 with its Retry-After", async () => {
    const asked: string[] = [];
    const heard: Array<number | undefined> = [];
    const api = client({
      beforeCall: async (operation) => {
        asked.push(`${operation} (server saw ${seen.length})`);
      },
      rateLimited: async (retryAfterMs) => {
        heard.push(retryAfterMs);
      },
    });
    seen.length = 0;
    await api.deleteKey("gone");
    const refused = await api.deleteKey("busy").catch((error: unknown) => error);
    expect((refused as SapKmsError).code).toBe("RATE_LIMITED");
    expect(asked).toEqual(["auth.request (server saw 0)", "keys.delete (server saw 1)", "keys.delete (server saw 2)"]);
    expect(heard).toEqual([2000]);
  });

  it("sends nothing when the throttle gives the call up; its error is the call's", async () => {
    const busy = new SapKmsError("RATE_LIMITED", "keys.delete: the SAP tenant is busy", {
      operation: "keys.delete",
      retryAfterMs: 5000,
    });
    const api = client({
      beforeCall: async () => {
        throw busy;
      },
      rateLimited: async () => {},
    });
    seen.length = 0;
    await expect(api.deleteKey("any")).rejects.toBe(busy);
    expect(seen).toEqual([]);
  });
});
