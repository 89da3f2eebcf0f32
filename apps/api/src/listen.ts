import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { Logger } from "@cckm/log";
import type { Express } from "express";

export interface ListenOptions {
  host: string;
  port: number;
  /** HTTPS beside HTTP, as CipherTrust serves it (its docs' examples are all `curl -k https://…`). */
  tls?: { certFile: string; keyFile: string; port: number };
}

/** The servers the API listens on: HTTP always, HTTPS when given a certificate and its key. */
export interface Listening {
  urls: string[];
  close(): Promise<void>;
}

function listenOn(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Serves the app over HTTP and, with `tls`, over HTTPS too (the same app, the same routes). The
 * certificate files are read once at start; a missing or unreadable one stops the start with its path.
 */
export async function listen(app: Express, options: ListenOptions, logger: Logger): Promise<Listening> {
  const servers: Server[] = [];
  const urls: string[] = [];
  const http = createHttpServer(app);
  servers.push(http);
  urls.push(`http://${options.host}:${await listenOn(http, options.host, options.port)}`);
  if (options.tls) {
    const https = createHttpsServer(
      { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) },
      app,
    );
    servers.push(https);
    urls.push(`https://${options.host}:${await listenOn(https, options.host, options.tls.port)}`);
  }
  for (const url of urls) logger.info({ url }, `api listening on ${url}`);
  return {
    urls,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
