/**
 * Whether an error means "the database cannot be reached right now" (refused, cut, restarting, out of
 * connections, a connect timeout), as opposed to a real fault of the statement or of our code. The API
 * answers these 503 with Retry-After and the worker waits on them instead of spending a job's attempt.
 *
 * Postgres names its own conditions by SQLSTATE; node names socket failures by `code`; Prisma by its
 * `P1xxx` codes, with the driver's error under `cause`. node-postgres raises a few of its own without
 * any code (a cut or timed-out connection): those are recognised by their fixed texts, the one place
 * where a message is read, because the library gives nothing else.
 */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNABORTED",
]);

/** SQLSTATEs: connection exceptions (class 08), shutdown and start-up (57P01–57P03), too many connections. */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/** Prisma: can't reach, timed out, server closed the connection, pool timeout. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

/** Prisma's driver adapter error kinds (`meta.driverAdapterError.cause.kind`) that mean the same. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

const PG_TEXTS = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error",
  "Connection terminated due to connection timeout",
  // createPool's query_timeout: a statement that got no answer (a connection whose network went silent).
  "Query read timeout",
];

function isUnavailableCode(code: unknown): boolean {
  if (typeof code !== "string") return false;
  return SOCKET_CODES.has(code) || SQLSTATES.has(code) || code.startsWith("08") || PRISMA_CODES.has(code);
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== "object" || depth > 6) return false;
  const e = error as {
    code?: unknown;
    kind?: unknown;
    originalCode?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  if (isUnavailableCode(e.code) || isUnavailableCode(e.originalCode)) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (
    typeof e.message === "string" &&
    e.code === undefined &&
    PG_TEXTS.some((t) => e.message === t || (e.message as string).startsWith(t))
  )
    return true;
  // AggregateError (a host with several addresses), the cause chain, Prisma's adapter error.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1);
}
