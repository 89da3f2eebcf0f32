/**
 * OCI's error codes the simulator answers with, and their HTTP status. The body is OCI's:
 * `{"code": "...", "message": "..."}`.
 */
export const ERROR_STATUS = {
  InvalidParameter: 400,
  MissingParameter: 400,
  NotAuthenticated: 401,
  NotAuthorizedOrNotFound: 404,
  /** Not OCI's: a path no route serves (so a client never reads it as "the key is gone"). */
  NotFound: 404,
  IncorrectState: 409,
  Conflict: 409,
  RequestEntityTooLarge: 413,
  TooManyRequests: 429,
  InternalServerError: 500,
  ServiceUnavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  code: string;
  message: string;
}

/** An error the simulator answers with. `status` comes from the table unless a fault sets it. */
export class OciApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = "OciApiError";
    this.status = status ?? ERROR_STATUS[code];
  }
}

export const notFound = (what: string) =>
  new OciApiError("NotAuthorizedOrNotFound", `${what} not found or not authorized`);

export const incorrectState = (what: string, state: string, action: string) =>
  new OciApiError("IncorrectState", `${what} is in lifecycle state ${state}; cannot ${action}`);

/** The one error builder. */
export function errorBody(code: string, message: string): ErrorBody {
  return { code, message };
}
