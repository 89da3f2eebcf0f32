import type { z } from "zod";
import { EndpointForbiddenError, EndpointPolicy } from "./endpoint-policy.ts";
import { errorFromResponse, errorFromThrown, SapKmsError } from "./errors.ts";
import { AnswerTooLargeError, httpRequest } from "./http.ts";
import { accessTokenSchema } from "./schemas.ts";
import { TokenCache } from "./token-cache.ts";

/** A pino-compatible logger; the client logs operation names, statuses and timings, never bodies. */
export interface SapKmsLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface SapKmsClientConfig {
  /** The KMS endpoint, with or without the `/kms/v2` suffix, e.g. `http://127.0.0.1:4040`. */
  baseUrl: string;
  /** The technical user's credentials. */
  apiKey: string;
  secret: string;
  /** Bound on each request, answer body included. Default 10 000 ms. */
  timeoutMs?: number;
  /** Refresh the access token this long before it expires (at most half its lifetime). Default 30 000 ms. */
  refreshMarginMs?: number;
  /**
   * Whether the endpoint may be (or resolve to) a private address: loopback, RFC 1918, CGNAT
   * (100.64.0.0/10) or unique local (fc00::/7). Default false. Link-local and unspecified addresses
   * are refused either way (ENDPOINT_FORBIDDEN, permanent).
   */
  allowPrivateEndpoints?: boolean;
  logger?: SapKmsLogger;
  /** Called after every request (for metrics): operation, HTTP status if any, error code if any, time. */
  observe?: (event: { operation: string; status?: number; code?: string; ms: number }) => void;
  /** Paces the requests to this tenant (e.g. a rate limit shared by every worker); none by default. */
  throttle?: SapCallThrottle;
}

/**
 * A hook around every request to the tenant. `beforeCall` resolves when the request may go out; it
 * may reject (a SapKmsError RATE_LIMITED with `retryAfterMs`) to give the call up rather than wait
 * long. `rateLimited` hears every 429 the tenant answers, with its Retry-After when it gave one.
 */
export interface SapCallThrottle {
  beforeCall(operation: string): Promise<void>;
  rateLimited(retryAfterMs: number | undefined): Promise<void>;
}

export interface Operation<T> {
  /** A short name for logs and errors, e.g. `keys.delete`. */
  name: string;
  method: "GET" | "POST" | "DELETE";
  /** Path under `/kms/v2`, e.g. `/keys/abc`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Parses a 2xx body; omitted for answers without one (204). */
  schema?: z.ZodType<T>;
  authenticated?: boolean;
}

const silent: SapKmsLogger = { debug() {}, warn() {} };

/** HTTP to one SAP KMS tenant: timeouts, the access token, error classification, response parsing. */
export class Transport {
  private readonly root: string;
  private readonly timeoutMs: number;
  private readonly logger: SapKmsLogger;
  private readonly tokens: TokenCache;
  private readonly endpoints: EndpointPolicy;

  constructor(private readonly config: SapKmsClientConfig) {
    this.endpoints = EndpointPolicy.of({ allowPrivate: config.allowPrivateEndpoints ?? false });
    this.root = `${config.baseUrl.replace(/\/+$/, "").replace(/\/kms\/v2$/, "")}/kms/v2`;
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.logger = config.logger ?? silent;
    this.tokens = new TokenCache(() => this.login(), config.refreshMarginMs ?? 30_000);
  }

  /** A fresh access token (`POST /auth/request`); the credentials go in the body and nowhere else. */
  private async login(): Promise<string> {
    const body = { apiKey: this.config.apiKey, secret: this.config.secret };
    const answer = await this.send(
      { name: "auth.request", method: "POST", path: "/auth/request", body, schema: accessTokenSchema },
      undefined,
    );
    return answer.accessToken;
  }

  /** Logs in now (a credentials check); later calls log in by themselves. */
  async authenticate(): Promise<void> {
    await this.tokens.get();
  }

  /** Runs an operation; on a 401 it logs in again and tries once more. */
  async call<T>(op: Operation<T>): Promise<T> {
    if (op.authenticated === false) return this.send(op, undefined);
    const token = await this.tokens.get();
    try {
      return await this.send(op, token);
    } catch (error) {
      if (!(error instanceof SapKmsError) || error.code !== "UNAUTHORIZED") throw error;
      this.tokens.invalidate(token);
      this.logger.debug({ op: op.name }, "sap-kms access token refused; logging in again");
      return this.send(op, await this.tokens.get());
    }
  }

  private url(op: Operation<unknown>): URL {
    const url = new URL(`${this.root}${op.path}`);
    for (const [name, value] of Object.entries(op.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url;
  }

  private async send<T>(op: Operation<T>, token: string | undefined): Promise<T> {
    const started = performance.now();
    const headers: Record<string, string> = { accept: "application/json" };
    if (op.body !== undefined) headers["content-type"] = "application/json";
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let status: number;
    let text: string;
    let retryAfter: string | null;
    await this.config.throttle?.beforeCall(op.name);
    try {
      const answer = await httpRequest(this.url(op), {
        method: op.method,
        headers,
        body: op.body === undefined ? undefined : JSON.stringify(op.body),
        timeoutMs: this.timeoutMs,
        maxBytes: MAX_ANSWER_BYTES,
        endpoints: this.endpoints,
      });
      status = answer.status;
      retryAfter = answer.retryAfter;
      text = answer.text;
    } catch (thrown) {
      const error =
        thrown instanceof AnswerTooLargeError
          ? new SapKmsError("INVALID_RESPONSE", `${op.name}: answer too large`, { operation: op.name })
          : thrown instanceof EndpointForbiddenError
            ? new SapKmsError("ENDPOINT_FORBIDDEN", `${op.name}: ${thrown.message}`, {
                operation: op.name,
                cause: thrown,
              })
            : errorFromThrown(op.name, thrown, this.timeoutMs);
      this.config.observe?.({ operation: op.name, code: error.code, ms: elapsed(started) });
      this.logger.warn({ op: op.name, code: error.code, ms: elapsed(started) }, "sap-kms request failed");
      throw error;
    }
    const body = parseJson(text);
    if (status < 200 || status >= 300) {
      const error = errorFromResponse(op.name, status, body, retryAfter);
      if (error.rateLimited) await this.config.throttle?.rateLimited(error.retryAfterMs);
      this.config.observe?.({ operation: op.name, status, code: error.code, ms: elapsed(started) });
      const fields = { op: op.name, status, code: error.code, serverCode: error.serverCode, ms: elapsed(started) };
      this.logger.debug(fields, "sap-kms request refused");
      throw error;
    }
    this.config.observe?.({ operation: op.name, status, ms: elapsed(started) });
    this.logger.debug({ op: op.name, status, ms: elapsed(started) }, "sap-kms request");
    if (op.schema === undefined) return undefined as T;
    const parsed = op.schema.safeParse(body);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join(".") || "body";
      throw new SapKmsError("INVALID_RESPONSE", `${op.name}: unexpected answer (${where})`, {
        operation: op.name,
        status,
      });
    }
    return parsed.data;
  }
}

/** Bound on one answer of SAP: no route of the KMS answers more (a page of 100 keys is far less). */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
