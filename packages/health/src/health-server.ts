import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ReadinessProbe } from "./readiness.ts";

/** A tiny HTTP server with /healthz and /readyz, for processes that serve no other HTTP. */
export async function startHealthServer(options: {
  port: number;
  host: string;
  probe: ReadinessProbe;
  /** Serves `GET /metrics` when given (Prometheus text). */
  metrics?: () => Promise<{ contentType: string; body: string }>;
}): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "GET") return send(405, { error: "method not allowed" });
    if (req.url === "/healthz") return send(200, { status: "ok" });
    if (req.url === "/readyz") {
      options.probe.check().then(
        (report) => send(report.ok ? 200 : 503, report),
        (error: unknown) => send(503, { ok: false, error: String(error) }),
      );
      return;
    }
    if (req.url === "/metrics" && options.metrics) {
      options.metrics().then(
        ({ contentType, body }) => {
          res.writeHead(200, { "content-type": contentType });
          res.end(body);
        },
        () => send(500, { error: "metrics unavailable" }),
      );
      return;
    }
    send(404, { error: "not found" });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
