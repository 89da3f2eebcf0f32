// One HTTP(S) request to the API: JSON in and out, certificate checked unless --insecure (curl -k).
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { CliError } from "./errors.ts";

export interface HttpRequest {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  body?: unknown;
  insecure: boolean;
  /** Keep the body unread (a server-sent event stream); the caller consumes `stream`. */
  stream?: boolean;
  signal?: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingMessage["headers"];
  body: unknown;
  stream?: IncomingMessage;
}

/** Node's codes for a certificate it does not trust (self-signed, unknown CA, wrong name, expired). */
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)|ALTNAME/;

function transportError(error: NodeJS.ErrnoException, url: URL): CliError {
  const code = error.code ?? "";
  if (TLS_CODE.test(code)) {
    return new CliError(
      "TLS",
      `the certificate of ${url.origin} is not trusted (${code}); pass --insecure to accept it (as curl -k), or trust its CA with NODE_EXTRA_CA_CERTS`,
    );
  }
  return new CliError("NETWORK", `cannot reach ${url.origin} (${code || error.message})`);
}

/** Sends the request; network and TLS failures become CliErrors that say what to do. */
export function send(req: HttpRequest): Promise<HttpAnswer> {
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
  const headers: Record<string, string> = {
    accept: "application/json",
    "user-agent": "cckm-cli",
    ...(payload !== undefined ? { "content-type": "application/json" } : {}),
    ...req.headers,
  };
  const https = req.url.protocol === "https:";
  const doRequest = https ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = doRequest(
      req.url,
      {
        method: req.method,
        headers,
        ...(https ? { rejectUnauthorized: !req.insecure } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      },
      (res) => {
        if (req.stream && res.statusCode === 200) {
          resolve({ status: 200, headers: res.headers, body: undefined, stream: res });
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => reject(transportError(e, req.url)));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON (a proxy's page): kept as text for the error message
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    r.on("error", (e: NodeJS.ErrnoException) => {
      if (e.name === "AbortError") reject(e);
      else reject(transportError(e, req.url));
    });
    r.end(payload);
  });
}

/** The API's error body as one line: its message and CipherTrust's code name. */
export function apiErrorOf(answer: HttpAnswer, what: string): CliError {
  const body = answer.body;
  const fields = (typeof body === "object" && body !== null ? body : {}) as { message?: unknown; codeDesc?: unknown };
  let message = "no details";
  if (typeof fields.message === "string") message = fields.message;
  else if (typeof body === "string" && body) message = body.slice(0, 200);
  const name = typeof fields.codeDesc === "string" ? ` ${fields.codeDesc.split(":")[0]}` : "";
  return new CliError("API", `${what}: ${message} (HTTP ${answer.status}${name})`, answer.status);
}
