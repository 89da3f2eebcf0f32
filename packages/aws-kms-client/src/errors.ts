/**
 * The client's one error type. `code` says what went wrong (from the AWS error type the service
 * answered, never from message text); `transient` says whether the same call may succeed later:
 * throttling, 5xx, timeouts and connection errors are; everything else is not.
 */
export const AWS_KMS_ERROR_CODES = [
  "NOT_FOUND",
  "INVALID_STATE",
  "ACCESS_DENIED",
  "VALIDATION",
  "INVALID_SIGNATURE",
  "UNRECOGNIZED_CLIENT",
  "ALREADY_EXISTS",
  "DISABLED",
  "LIMIT_EXCEEDED",
  "UNSUPPORTED",
  /** Not a KMS endpoint, or one without this operation (a 404, UnknownOperationException). */
  "ENDPOINT_NOT_FOUND",
  /** The endpoint is, or resolves to, an address the endpoint policy refuses. */
  "ENDPOINT_FORBIDDEN",
  /** The connection's settings cannot work (a malformed region or endpoint). */
  "INVALID_CONFIG",
  /** Another 4xx refusal. */
  "BAD_REQUEST",
  /** An answer that is not what the operation returns. */
  "INVALID_RESPONSE",
  "THROTTLED",
  "SERVER_ERROR",
  "TIMEOUT",
  "NETWORK",
  /** Anything else thrown (a bug, most likely): permanent, so it is looked at rather than retried. */
  "UNEXPECTED",
] as const;

export type AwsKmsErrorCode = (typeof AWS_KMS_ERROR_CODES)[number];

const TRANSIENT: ReadonlySet<AwsKmsErrorCode> = new Set(["THROTTLED", "SERVER_ERROR", "TIMEOUT", "NETWORK"]);

export interface AwsKmsErrorDetails {
  /** The KMS operation, e.g. `ScheduleKeyDeletion`. */
  operation: string;
  /** HTTP status, when the service answered. */
  status?: number;
  /** The AWS error type the service answered (`__type`), e.g. `KMSInvalidStateException`. */
  awsCode?: string;
  requestId?: string;
  /** How many times the request was sent (retries included). */
  attempts?: number;
  cause?: unknown;
}

export class AwsKmsError extends Error {
  /** The cloud, for the job engine's record of the error (`AWS_<code>`). */
  readonly upstream = "AWS";
  readonly transient: boolean;
  constructor(
    readonly code: AwsKmsErrorCode,
    message: string,
    readonly details: AwsKmsErrorDetails,
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "AwsKmsError";
    this.transient = TRANSIENT.has(code);
  }

  get operation(): string {
    return this.details.operation;
  }

  /** The same as `transient`, named as the job engine reads it. */
  get retryable(): boolean {
    return this.transient;
  }

  /** AWS throttled the request (ThrottlingException). */
  get rateLimited(): boolean {
    return this.code === "THROTTLED";
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get awsCode(): string | undefined {
    return this.details.awsCode;
  }

  get attempts(): number | undefined {
    return this.details.attempts;
  }

  /** For logs and job records: the classification, never the cause's internals. */
  toJSON() {
    const { operation, status, awsCode, requestId, attempts } = this.details;
    return {
      name: this.name,
      code: this.code,
      transient: this.transient,
      message: this.message,
      operation,
      status,
      awsCode,
      requestId,
      attempts,
    };
  }
}
