import { z } from "zod";

/**
 * CipherTrust Manager's error names and numeric codes, keyed by HTTP status. A code follows its
 * name: 5, 9, 14 and 16 are CipherTrust's (docs/cckm-compatibility.md §4); names whose code no
 * source shows carry the HTTP status as their code.
 */
const NCERR = {
  400: { code: 9, name: "NCERRInvalidParamValue", text: "Invalid parameter value" },
  401: { code: 5, name: "NCERRUnauthorizedAccess", text: "Unauthorized" },
  403: { code: 403, name: "NCERRForbidden", text: "Forbidden" },
  404: { code: 16, name: "NCERRResourceNotFound", text: "Resource not found" },
  405: { code: 405, name: "NCERRMethodNotAllowed", text: "Method not allowed" },
  409: { code: 409, name: "NCERRConflict", text: "Conflict" },
  413: { code: 9, name: "NCERRInvalidParamValue", text: "Request body too large" },
  415: { code: 9, name: "NCERRInvalidParamValue", text: "Unsupported media type" },
  422: { code: 9, name: "NCERRInvalidParamValue", text: "Invalid parameter value" },
  429: { code: 429, name: "NCERRTooManyRequests", text: "Too many requests" },
  500: { code: 14, name: "NCERRInternalServerError", text: "Internal Server Error" },
  502: { code: 502, name: "NCERRBadGateway", text: "Upstream error" },
  503: { code: 503, name: "NCERRServiceUnavailable", text: "Service unavailable" },
  504: { code: 504, name: "NCERRGatewayTimeout", text: "Upstream timeout" },
} as const;

export type ErrorStatus = keyof typeof NCERR;

/**
 * CipherTrust's error body, as the OpenAPI document shows it. A failed delete job answered as an
 * error (`POST /cckm/sap/keys/{id}/delete`) names the job and its code too.
 */
export const errorBodySchema = z.object({
  code: z.number().int(),
  codeDesc: z.string().meta({ examples: ["NCERRResourceNotFound: Resource not found"] }),
  message: z.string(),
  requestID: z.string().optional().meta({ description: "the request this answers (also the X-Request-ID header)" }),
  job_id: z.string().optional(),
  error_code: z.string().nullable().optional(),
});

export type ErrorBody = Omit<z.output<typeof errorBodySchema>, "job_id" | "error_code">;

/** An error the API answers with its status and CipherTrust's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The one error builder: `{"code", "codeDesc": "NCERR<Name>: <text>", "message", "requestID"}`. */
export function errorBody(status: ErrorStatus, message: string, requestId?: string): ErrorBody {
  const e = NCERR[status];
  return { code: e.code, codeDesc: `${e.name}: ${e.text}`, message, ...(requestId ? { requestID: requestId } : {}) };
}
