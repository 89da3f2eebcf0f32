/**
 * The AWS error types the simulator answers with, and their HTTP status. The body is AWS JSON 1.1's
 * error shape: `{"__type": "NotFoundException", "message": "..."}`.
 */
export const AWS_ERROR_STATUS = {
  AccessDeniedException: 400,
  AlreadyExistsException: 400,
  DisabledException: 400,
  IncompleteSignatureException: 400,
  InvalidAliasNameException: 400,
  InvalidArnException: 400,
  InvalidMarkerException: 400,
  InvalidSignatureException: 400,
  KMSInternalException: 500,
  KMSInvalidStateException: 400,
  LimitExceededException: 400,
  MalformedPolicyDocumentException: 400,
  MissingAuthenticationTokenException: 400,
  NotFoundException: 400,
  SerializationException: 400,
  TagException: 400,
  ThrottlingException: 400,
  UnknownOperationException: 400,
  UnrecognizedClientException: 400,
  UnsupportedOperationException: 400,
  ValidationException: 400,
} as const;

export type AwsErrorType = keyof typeof AWS_ERROR_STATUS;

/** An error the simulator answers with; `status` comes from the table unless a fault rule sets it. */
export class AwsError extends Error {
  readonly status: number;
  constructor(
    readonly type: AwsErrorType | (string & {}),
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = "AwsError";
    this.status = status ?? AWS_ERROR_STATUS[type as AwsErrorType] ?? 400;
  }

  body(): { __type: string; message: string } {
    return { __type: this.type, message: this.message };
  }
}

export const notFound = (message: string) => new AwsError("NotFoundException", message);
export const invalidState = (message: string) => new AwsError("KMSInvalidStateException", message);
export const validation = (message: string) => new AwsError("ValidationException", message);
export const unsupported = (message: string) => new AwsError("UnsupportedOperationException", message);
