/**
 * The client's one error type. `code` says what went wrong; `retryable` says whether the same call
 * may succeed later (network errors, timeouts, 5xx and 429 are; other 4xx are not). The client
 * itself never retries (beyond one token refresh on a 401): the caller's job system owns retries.
 */
export const SAP_KMS_ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_EXPORTABLE",
  "NOT_FOUND",
  "ENDPOINT_NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "SERVER_ERROR",
  "TIMEOUT",
  "NETWORK",
  "INVALID_RESPONSE",
  /** The endpoint is, or resolves to, an address the endpoint policy refuses (link-local, private...). */
  "ENDPOINT_FORBIDDEN",
] as const;

export type SapKmsErrorCode = (typeof SAP_KMS_ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<SapKmsErrorCode> = new Set(["RATE_LIMITED", "SERVER_ERROR", "TIMEOUT", "NETWORK"]);

export class SapKmsError extends Error {
  /** The cloud, for the job engine's record of the error (`SAP_<code>`). */
  readonly upstream = "SAP";
  readonly retryable: boolean;
  constructor(
    readonly code: SapKmsErrorCode,
    message: string,
    readonly details: {
      /** The operation that failed, e.g. `keys.delete`. */
      operation: string;
      /** HTTP status, when the server answered. */
      status?: number;
      /** The server's own error code (`error.code` of its body), when it sent one. */
      serverCode?: string;
      /** How long the server asked to wait (`Retry-After`), in milliseconds. */
      retryAfterMs?: number;
      cause?: unknown;
    },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "SapKmsError";
    this.retryable = RETRYABLE.has(code);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }

  /** SAP answered 429. */
  get rateLimited(): boolean {
    return this.code === "RATE_LIMITED";
  }

  get serverCode(): string | undefined {
    return this.details.serverCode;
  }

  get operation(): string {
    return this.details.operation;
  }
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function codeForStatus(status: number, serverCode: string | undefined): SapKmsErrorCode {
  if (status === 429) return "RATE_LIMITED";
  if (status === 408) return "TIMEOUT";
  if (status >= 500) return "SERVER_ERROR";
  if (status === 401) return "UNAUTHORIZED";
  if (status === 403) return serverCode === "KEY_NOT_EXPORTABLE" ? "NOT_EXPORTABLE" : "FORBIDDEN";
  // A 404 counts as "no such resource" only when the server says so in its JSON error body; a
  // misrouted request (wrong base URL, a proxy's page) must never read as "the key is gone".
  if (status === 404)
    return serverCode !== undefined && serverCode !== "ROUTE_NOT_FOUND" ? "NOT_FOUND" : "ENDPOINT_NOT_FOUND";
  if (status === 409) return "CONFLICT";
  return "BAD_REQUEST";
}

/** The error for a non-2xx answer. `body` is the parsed JSON body, if any. */
export function errorFromResponse(
  operation: string,
  status: number,
  body: unknown,
  retryAfter: string | null,
): SapKmsError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const serverCode = typeof error?.code === "string" ? error.code : undefined;
  // A server's own words, bounded: they reach API answers and job errors.
  const serverMessage = typeof error?.message === "string" ? error.message.slice(0, 300) : `HTTP ${status}`;
  const code = codeForStatus(status, serverCode);
  return new SapKmsError(code, `${operation}: ${serverMessage}`, {
    operation,
    status,
    serverCode,
    retryAfterMs: code === "RATE_LIMITED" || code === "SERVER_ERROR" ? parseRetryAfter(retryAfter) : undefined,
  });
}

/** The error for a request that got no answer: a timeout or a network failure. */
export function errorFromThrown(operation: string, thrown: unknown, timeoutMs: number): SapKmsError {
  if (thrown instanceof SapKmsError) return thrown;
  const name = (thrown as { name?: unknown } | undefined)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new SapKmsError("TIMEOUT", `${operation}: no answer within ${timeoutMs} ms`, { operation, cause: thrown });
  }
  // node's own client puts the system error's code on the error, fetch on its cause.
  const own = (thrown as { code?: unknown } | undefined)?.code;
  const cause = (thrown as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const code = typeof own === "string" ? own : cause;
  const detail = typeof code === "string" ? code : thrown instanceof Error ? thrown.message : "unknown";
  return new SapKmsError("NETWORK", `${operation}: network error (${detail})`, { operation, cause: thrown });
}
