import { SapKmsError } from "@cckm/sap-kms-client";
import { ApiError } from "./errors.ts";

/** What the API answers when SAP refused or failed a call made on the client's behalf. */
export function upstreamError(error: unknown): unknown {
  if (!(error instanceof SapKmsError)) return error;
  const why = `SAP answered: ${error.message}`;
  switch (error.code) {
    case "ENDPOINT_FORBIDDEN":
      // Nothing reached SAP: the connection's endpoint is an address the endpoint policy refuses.
      return new ApiError(400, `connection.api_endpoint: ${error.message}`);
    case "BAD_REQUEST":
      return new ApiError(400, why);
    case "CONFLICT":
      return new ApiError(409, why);
    case "NOT_FOUND":
      return new ApiError(409, `${why} (the inventory is out of date: synchronize the connection)`);
    case "TIMEOUT":
      return new ApiError(504, "SAP did not answer in time");
    default:
      return new ApiError(502, why);
  }
}
