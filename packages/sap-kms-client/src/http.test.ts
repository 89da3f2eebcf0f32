import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerTooLargeError, httpRequest } from "./http.ts";

describe("httpRequest (a real local server)", () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? "");
      if (req.url === "/redirect") return res.writeHead(302, { location: "/elsewhere" }).end();
      if (req.url === "/large") return res.end("x".repeat(2048));
      if (req.url === "/slow") return setTimeout(() => res.end("late"), 2000);
      if (req.url === "/busy") return res.writeHead(429, { "retry-after": "3" }).end("{}");
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => res.end(JSON.stringify({ method: req.method, body })));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const options = { method: "GET", headers: {}, timeoutMs: 1000, maxBytes: 1024 };

  it("sends the body and reads the answer, over a kept-alive socket", async () => {
    for (let i = 0; i < 3; i++) {
      const answer = await httpRequest(new URL(`${base}/echo`), { ...options, method: "POST", body: `{"n":${i}}` });
      expect(answer).toMatchObject({ status: 200, retryAfter: null });
      expect(JSON.parse(answer.text)).toEqual({ method: "POST", body: `{"n":${i}}` });
    }
  });

  it("never follows a redirect: the 3xx is the answer", async () => {
    seen.length = 0;
    expect((await httpRequest(new URL(`${base}/redirect`), options)).status).toBe(302);
    expect(seen).toEqual(["/redirect"]);
  });

  it("hands back Retry-After", async () => {
    expect(await httpRequest(new URL(`${base}/busy`), options)).toMatchObject({ status: 429, retryAfter: "3" });
  });

  it("refuses an answer larger than its bound", async () => {
    await expect(httpRequest(new URL(`${base}/large`), options)).rejects.toBeInstanceOf(AnswerTooLargeError);
  });

  it("gives up after timeoutMs with a TimeoutError", async () => {
    await expect(httpRequest(new URL(`${base}/slow`), { ...options, timeoutMs: 100 })).rejects.toMatchObject({
      name: "TimeoutError",
    });
  });

  it("sends a GET again on a fresh socket when a reused one is reset before any answer; never a POST", async () => {
    // A server that resets every connection's second request, as one closing idle sockets would.
    const perSocket = new WeakMap<object, number>();
    const received: string[] = [];
    const resetting = createServer((req, res) => {
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      received.push(`${req.method} ${n}`);
      if (n === 2) return void req.socket.destroy();
      res.end("ok");
    });
    await new Promise<void>((resolve) => resetting.listen(0, "127.0.0.1", resolve));
    const url = new URL(`http://127.0.0.1:${(resetting.address() as AddressInfo).port}/`);
    try {
      expect((await httpRequest(url, options)).text).toBe("ok"); // opens the socket
      expect((await httpRequest(url, options)).text).toBe("ok"); // reused, reset, sent again fresh
      expect(received).toEqual(["GET 1", "GET 2", "GET 1"]);
      received.length = 0;
      const post = { ...options, method: "POST", body: "{}" };
      // The fresh socket now carries its second request: reset, and the POST is not sent again.
      await expect(httpRequest(url, post)).rejects.toMatchObject({ name: "StaleSocketError" });
      expect(received).toEqual(["POST 2"]);
    } finally {
      resetting.closeAllConnections();
      await new Promise((resolve) => resetting.close(resolve));
    }
  });
});
