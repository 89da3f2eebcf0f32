import http from "node:http";
import https from "node:https";
import { EndpointForbiddenError, type EndpointPolicy } from "./endpoint-policy.ts";

export interface HttpAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
}

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** Bound on the whole exchange, answer body included. */
  timeoutMs: number;
  /** Bound on the answer's size; a larger one is cut off and refused. */
  maxBytes: number;
  /**
   * Which addresses may be reached (checked on the URL's host and on what a name resolves to, at
   * connect time); an address it refuses fails with EndpointForbiddenError. None: any address.
   */
  endpoints?: EndpointPolicy | undefined;
}

/** Thrown when the answer exceeds `maxBytes`. */
export class AnswerTooLargeError extends Error {
  override readonly name = "AnswerTooLargeError";
}

// One keep-alive pool per protocol (and endpoint policy) for the whole process: a connection's clients
// come and go (a changed connection gets a new client), the sockets to SAP stay. Idle sockets do not
// hold the process. A policy's agents resolve names through its lookup, which refuses what it refuses.
type Agents = { "http:": http.Agent; "https:": https.Agent };
const pools = new Map<EndpointPolicy | undefined, Agents>();
function agentsFor(policy: EndpointPolicy | undefined): Agents {
  let agents = pools.get(policy);
  if (!agents) {
    const lookup = policy ? { lookup: policy.lookup } : {};
    agents = {
      "http:": new http.Agent({ keepAlive: true, ...lookup }),
      "https:": new https.Agent({ keepAlive: true, ...lookup }),
    };
    pools.set(policy, agents);
  }
  return agents;
}

/**
 * One HTTP exchange with node's own client (far lighter than fetch on the worker's hot path). A 3xx
 * is an answer like any other: no redirect is ever followed, so the technical user's credentials go
 * only where they were configured to go.
 */
export async function httpRequest(url: URL, request: HttpRequest): Promise<HttpAnswer> {
  const started = performance.now();
  try {
    return await exchange(url, request);
  } catch (error) {
    // A kept-alive socket reset as we reused it, before any answer: most likely the server had closed
    // it as idle (node's documented pattern). An idempotent request goes once more on a fresh socket,
    // within what is left of its time; a POST (create, import, export) is never sent twice here, since
    // the server may have received it: the job system's retry, with its markers, decides.
    const left = request.timeoutMs - (performance.now() - started);
    if (!(error instanceof StaleSocketError) || !IDEMPOTENT.has(request.method) || left <= 0) throw error;
    return exchange(url, { ...request, timeoutMs: left });
  }
}

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE"]);

class StaleSocketError extends Error {
  override readonly name = "StaleSocketError";
}

function exchange(url: URL, request: HttpRequest): Promise<HttpAnswer> {
  const transport = url.protocol === "https:" ? https : http;
  const agent = agentsFor(request.endpoints)[url.protocol as keyof Agents];
  if (!agent) return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
  // An IP literal is connected to without a lookup: its check is here.
  const refusal = request.endpoints?.refusalOfLiteral(url.hostname);
  if (refusal) return Promise.reject(new EndpointForbiddenError(refusal));
  const body = request.body === undefined ? undefined : Buffer.from(request.body, "utf8");
  const headers = body ? { ...request.headers, "content-length": String(body.length) } : request.headers;
  return new Promise((resolve, reject) => {
    let answered = false;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (error: Error) =>
      settle(() => {
        const stale = req.reusedSocket && !answered && (error as { code?: string }).code === "ECONNRESET";
        reject(stale ? new StaleSocketError(error.message, { cause: error }) : error);
      });
    const req = transport.request(url, { method: request.method, headers, agent }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= request.maxBytes) return void chunks.push(chunk);
        fail(new AnswerTooLargeError(`answer larger than ${request.maxBytes} bytes`));
        req.destroy();
      });
      res.on("end", () => {
        const retryAfter = res.headers["retry-after"];
        settle(() =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: typeof retryAfter === "string" ? retryAfter : null,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      });
      res.on("error", fail);
    });
    const timer = setTimeout(() => {
      const timeout = new Error(`no answer within ${request.timeoutMs} ms`);
      timeout.name = "TimeoutError";
      fail(timeout);
      req.destroy();
    }, request.timeoutMs);
    req.on("error", fail);
    req.end(body);
  });
}
