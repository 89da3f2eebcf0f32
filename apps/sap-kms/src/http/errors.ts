/**
 * The simulator's error codes and the HTTP status each answers with. The body follows OData's JSON
 * error format, as SAP's OData-style APIs do: `{"error": {"code": "...", "message": "..."}}`.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  INVALID_FILTER: 400,
  UNKNOWN_GROUP: 400,
  UNKNOWN_TARGET_KEY: 400,
  INVALID_WRAPPING_KEY: 400,
  UNWRAP_FAILED: 400,
  MATERIAL_MISMATCH: 400,
  UNAUTHORIZED: 401,
  TOKEN_EXPIRED: 401,
  FORBIDDEN: 403,
  KEY_NOT_EXPORTABLE: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONFLICT: 409,
  KEY_NAME_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS | "INJECTED_FAULT";

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** An error the simulator answers with. `status` comes from the table unless the fault injector sets it. */
export class KmsError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = "KmsError";
    this.status = status ?? (code === "INJECTED_FAULT" ? 500 : ERROR_STATUS[code]);
  }
}

/** The one error builder. */
export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}
