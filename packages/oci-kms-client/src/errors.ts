/**
 * The client's one error type. `code` says what went wrong (never read the message to decide);
 * `transient` says whether the same call may succeed later: 429, 5xx, timeouts and connection
 * errors are; the 4xx answers are not. OCI's own error code stays in `serviceCode`.
 */
export const OCI_KMS_ERROR_CODES = [
  /** 400 InvalidParameter (and MissingParameter): the request was refused as malformed. */
  "INVALID_PARAMETER",
  /** Another 4xx without a more precise code (403, 412, 413...). */
  "BAD_REQUEST",
  /** 401 NotAuthenticated: the signature, key, fingerprint or user is wrong. */
  "NOT_AUTHENTICATED",
  /** 404 NotAuthorizedOrNotFound: no such resource, or not visible to this user. */
  "NOT_FOUND",
  /** A 404 that does not say NotAuthorizedOrNotFound: a wrong endpoint, never "the key is gone". */
  "ENDPOINT_NOT_FOUND",
  /** 409 IncorrectState: the resource's lifecycle state does not allow the action. */
  "INCORRECT_STATE",
  /** Another 409 (Conflict, RetryTokenConflict...). */
  "CONFLICT",
  /** 429. */
  "RATE_LIMITED",
  /** 5xx. */
  "SERVER_ERROR",
  /** No answer within the timeout. */
  "TIMEOUT",
  /** The connection failed (refused, reset, DNS...). */
  "NETWORK",
  /** A 2xx whose body is not what the API promises. */
  "INVALID_RESPONSE",
  /** A call's own arguments are wrong (caught before anything is sent). */
  "INVALID_ARGUMENT",
  /** The connection settings are unusable (bad private key, passphrase, URL...). */
  "INVALID_CONFIG",
  /** An endpoint with an address that is never a KMS (link-local, unspecified) or a scheme other than http(s). */
  "ENDPOINT_FORBIDDEN",
] as const;

export type OciKmsErrorCode = (typeof OCI_KMS_ERROR_CODES)[number];

const TRANSIENT: ReadonlySet<OciKmsErrorCode> = new Set(["RATE_LIMITED", "SERVER_ERROR", "TIMEOUT", "NETWORK"]);

export interface OciKmsErrorDetails {
  /** The operation that failed, e.g. `keys.get`. */
  operation: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** OCI's error code from the answer's body (`NotAuthorizedOrNotFound`, `IncorrectState`...). */
  serviceCode?: string;
  /** OCI's request id of the failed answer, for support. */
  opcRequestId?: string;
  /** How many attempts were made (retries included). */
  attempts?: number;
}

export class OciKmsError extends Error {
  /** The cloud, for the job engine's record of the error (`OCI_<code>`). */
  readonly upstream = "OCI";
  readonly transient: boolean;
  readonly operation: string;
  readonly status: number | undefined;
  readonly serviceCode: string | undefined;
  readonly opcRequestId: string | undefined;
  attempts: number;

  constructor(
    readonly code: OciKmsErrorCode,
    message: string,
    details: OciKmsErrorDetails,
  ) {
    super(message);
    this.name = "OciKmsError";
    this.transient = TRANSIENT.has(code);
    this.operation = details.operation;
    this.status = details.status;
    this.serviceCode = details.serviceCode;
    this.opcRequestId = details.opcRequestId;
    this.attempts = details.attempts ?? 1;
  }

  /** The same as `transient`, named as the SAP client names it. */
  get retryable(): boolean {
    return this.transient;
  }

  /** OCI answered 429. */
  get rateLimited(): boolean {
    return this.code === "RATE_LIMITED";
  }

  toJSON() {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      transient: this.transient,
      operation: this.operation,
      status: this.status,
      serviceCode: this.serviceCode,
      opcRequestId: this.opcRequestId,
      attempts: this.attempts,
    };
  }
}

function codeForStatus(status: number, serviceCode: string | undefined): OciKmsErrorCode {
  if (status === 429) return "RATE_LIMITED";
  if (status === 408) return "TIMEOUT";
  if (status >= 500) return "SERVER_ERROR";
  if (status === 401) return "NOT_AUTHENTICATED";
  if (status === 404) return serviceCode === "NotAuthorizedOrNotFound" ? "NOT_FOUND" : "ENDPOINT_NOT_FOUND";
  if (status === 409) return serviceCode === "IncorrectState" ? "INCORRECT_STATE" : "CONFLICT";
  if (status === 400 && (serviceCode === "InvalidParameter" || serviceCode === "MissingParameter")) {
    return "INVALID_PARAMETER";
  }
  return "BAD_REQUEST";
}

/** DOMException's legacy code for TimeoutError: what the SDK keeps of an aborted fetch. */
const DOM_TIMEOUT_ERR = 23;

interface SdkServiceError {
  statusCode: number;
  serviceCode?: unknown;
  message?: unknown;
  opcRequestId?: unknown;
}

interface SdkTransportError {
  code?: unknown;
  message?: unknown;
  troubleshootingPage: unknown;
}

const isServiceError = (value: unknown): value is SdkServiceError =>
  typeof (value as { statusCode?: unknown } | null)?.statusCode === "number";

// The SDK's retrier turns a fetch that threw (timeout, refused, reset) into a plain object with these fields.
const isTransportError = (value: unknown): value is SdkTransportError =>
  typeof value === "object" && value !== null && !(value instanceof Error) && "troubleshootingPage" in value;

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * The OciKmsError for what an SDK call threw: an OciError (the server answered), the retrier's
 * record of a failed fetch (timeout or connection error), or anything else (a bug or bad input on
 * our side: permanent). `redact` removes the connection's secrets from any text kept.
 */
export function errorFromSdk(operation: string, thrown: unknown, redact: (text: string) => string): OciKmsError {
  if (thrown instanceof OciKmsError) return thrown;
  if (isServiceError(thrown)) {
    const serviceCode = text(thrown.serviceCode);
    const status = thrown.statusCode;
    // The server's own words, bounded: they reach API answers and job errors.
    const serverMessage = redact(text(thrown.message)?.slice(0, 300) ?? `HTTP ${status}`);
    return new OciKmsError(codeForStatus(status, serviceCode), `${operation}: ${serverMessage}`, {
      operation,
      status,
      ...(serviceCode !== undefined && serviceCode !== "None" ? { serviceCode } : {}),
      ...(text(thrown.opcRequestId) ? { opcRequestId: text(thrown.opcRequestId) } : {}),
    });
  }
  if (isTransportError(thrown)) {
    if (thrown.code === DOM_TIMEOUT_ERR) {
      return new OciKmsError("TIMEOUT", `${operation}: no answer within the timeout`, { operation });
    }
    const detail = typeof thrown.code === "string" ? thrown.code : (text(thrown.message) ?? "unknown");
    return new OciKmsError("NETWORK", `${operation}: network error (${redact(detail.slice(0, 200))})`, { operation });
  }
  const name = (thrown as { name?: unknown } | null)?.name;
  if (name === "TimeoutError") {
    return new OciKmsError("TIMEOUT", `${operation}: no answer within the timeout`, { operation });
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  if (thrown instanceof SyntaxError) {
    // A 2xx whose body the SDK could not parse as JSON.
    return new OciKmsError("INVALID_RESPONSE", `${operation}: the answer is not JSON`, { operation });
  }
  return new OciKmsError("INVALID_ARGUMENT", `${operation}: ${redact(message.slice(0, 300))}`, { operation });
}
