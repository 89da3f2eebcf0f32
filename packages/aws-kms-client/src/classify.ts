import { AwsKmsError, type AwsKmsErrorCode } from "./errors.ts";

/** AWS error types (`__type`, the SDK error's `name`) by the code they get. */
const BY_AWS_CODE: Record<string, AwsKmsErrorCode> = {
  NotFoundException: "NOT_FOUND",
  KMSInvalidStateException: "INVALID_STATE",
  AccessDeniedException: "ACCESS_DENIED",
  ValidationException: "VALIDATION",
  SerializationException: "VALIDATION",
  InvalidArnException: "VALIDATION",
  InvalidMarkerException: "VALIDATION",
  InvalidAliasNameException: "VALIDATION",
  TagException: "VALIDATION",
  MalformedPolicyDocumentException: "VALIDATION",
  InvalidSignatureException: "INVALID_SIGNATURE",
  IncompleteSignatureException: "INVALID_SIGNATURE",
  MissingAuthenticationTokenException: "INVALID_SIGNATURE",
  SignatureDoesNotMatch: "INVALID_SIGNATURE",
  UnrecognizedClientException: "UNRECOGNIZED_CLIENT",
  InvalidClientTokenId: "UNRECOGNIZED_CLIENT",
  ExpiredTokenException: "UNRECOGNIZED_CLIENT",
  AlreadyExistsException: "ALREADY_EXISTS",
  DisabledException: "DISABLED",
  LimitExceededException: "LIMIT_EXCEEDED",
  UnsupportedOperationException: "UNSUPPORTED",
  UnknownOperationException: "ENDPOINT_NOT_FOUND",
  ThrottlingException: "THROTTLED",
  TooManyRequestsException: "THROTTLED",
  RequestLimitExceeded: "THROTTLED",
  KMSInternalException: "SERVER_ERROR",
  DependencyTimeoutException: "SERVER_ERROR",
  ServiceUnavailableException: "SERVER_ERROR",
  InternalFailure: "SERVER_ERROR",
};

/** Node's system error codes of a connection that failed or broke (the request may not have arrived). */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EHOSTDOWN",
  "ERR_SOCKET_CLOSED",
  "UND_ERR_SOCKET",
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; attempts?: unknown };
  cause?: unknown;
}

function codeForStatus(status: number): AwsKmsErrorCode {
  if (status === 429) return "THROTTLED";
  if (status === 408) return "TIMEOUT";
  if (status >= 500) return "SERVER_ERROR";
  if (status === 404) return "ENDPOINT_NOT_FOUND"; // KMS answers its errors with 400: a 404 is not KMS speaking
  if (status === 401 || status === 403) return "ACCESS_DENIED";
  if (status >= 200 && status < 300) return "INVALID_RESPONSE";
  return "BAD_REQUEST";
}

/** The code of a failure without an HTTP answer, from the error's name and system code (or its cause's). */
function codeWithoutAnswer(error: SdkErrorShape, depth = 0): AwsKmsErrorCode | undefined {
  const { name, code } = error;
  if (code === "ENDPOINT_FORBIDDEN") return "ENDPOINT_FORBIDDEN";
  if (name === "TimeoutError" || name === "AbortError" || code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT") {
    return "TIMEOUT";
  }
  if (typeof code === "string" && NETWORK_CODES.has(code)) return "NETWORK";
  const cause = error.cause as SdkErrorShape | undefined;
  return cause !== undefined && cause !== null && depth < 5 ? codeWithoutAnswer(cause, depth + 1) : undefined;
}

/** Every appearance of `secret` in `text` replaced: an answer may echo anything. */
function scrub(text: string, secret: string | undefined): string {
  return secret === undefined || secret === "" ? text : text.split(secret).join("[redacted]");
}

/**
 * The AwsKmsError for whatever an SDK call threw. Service errors are classified by their AWS error
 * type, then by HTTP status; failures without an answer by the error's name and system code.
 */
export function classifyError(operation: string, thrown: unknown, secret?: string): AwsKmsError {
  if (thrown instanceof AwsKmsError) return thrown;
  const error = (typeof thrown === "object" && thrown !== null ? thrown : {}) as SdkErrorShape;
  const meta = error.$metadata ?? {};
  const status = typeof meta.httpStatusCode === "number" ? meta.httpStatusCode : undefined;
  const awsCode = status !== undefined && typeof error.name === "string" ? error.name : undefined;
  const attempts = typeof meta.attempts === "number" ? meta.attempts : undefined;
  const requestId = typeof meta.requestId === "string" ? meta.requestId : undefined;
  let code: AwsKmsErrorCode;
  if (status !== undefined) code = BY_AWS_CODE[awsCode ?? ""] ?? codeForStatus(status);
  else code = codeWithoutAnswer(error) ?? "UNEXPECTED";
  const said = typeof error.message === "string" && error.message !== "" ? error.message : String(thrown);
  const what = awsCode !== undefined ? `${awsCode} (HTTP ${status})` : code;
  const message = scrub(`${operation}: ${what}: ${said}`, secret).slice(0, 400);
  // An answer that echoed the secret is not kept as the cause either.
  const cause = secret !== undefined && secret !== "" && said.includes(secret) ? undefined : thrown;
  return new AwsKmsError(code, message, { operation, status, awsCode, requestId, attempts, cause });
}
