import { describe, expect, it } from "vitest";
import { errorFromSdk, OciKmsError } from "./errors.ts";

const noRedaction = (text: string) => text;
/** What oci-common's OciError carries (statusCode, serviceCode, message, opcRequestId). */
const answer = (statusCode: number, serviceCode: string, message = `${serviceCode} happened`) =>
  Object.assign(new Error(message), { statusCode, serviceCode, opcRequestId: "REQ1" });

describe("error classification", () => {
  it.each([
    [400, "InvalidParameter", "INVALID_PARAMETER", false],
    [400, "MissingParameter", "INVALID_PARAMETER", false],
    [400, "LimitExceeded", "BAD_REQUEST", false],
    [401, "NotAuthenticated", "NOT_AUTHENTICATED", false],
    [404, "NotAuthorizedOrNotFound", "NOT_FOUND", false],
    [404, "NotFound", "ENDPOINT_NOT_FOUND", false],
    [404, "None", "ENDPOINT_NOT_FOUND", false],
    [409, "IncorrectState", "INCORRECT_STATE", false],
    [409, "Conflict", "CONFLICT", false],
    [412, "NoEtagMatch", "BAD_REQUEST", false],
    [429, "TooManyRequests", "RATE_LIMITED", true],
    [500, "InternalServerError", "SERVER_ERROR", true],
    [503, "ServiceUnavailable", "SERVER_ERROR", true],
  ] as const)("HTTP %i %s → %s (transient: %s)", (status, serviceCode, code, transient) => {
    const error = errorFromSdk("keys.get", answer(status, serviceCode), noRedaction);
    expect(error).toBeInstanceOf(OciKmsError);
    expect(error).toMatchObject({
      code,
      transient,
      retryable: transient,
      status,
      operation: "keys.get",
      opcRequestId: "REQ1",
    });
    expect(error.serviceCode).toBe(serviceCode === "None" ? undefined : serviceCode);
    expect(error.message).toBe(`keys.get: ${serviceCode} happened`);
  });

  it("reads the SDK's record of a failed fetch: timeout (DOMException code 23) or a connection error", () => {
    const record = { requestEndpoint: "GET http://x", troubleshootingPage: "See ..." };
    expect(errorFromSdk("x", { ...record, code: 23, message: "aborted due to timeout" }, noRedaction)).toMatchObject({
      code: "TIMEOUT",
      transient: true,
    });
    expect(errorFromSdk("x", { ...record, message: "fetch failed" }, noRedaction)).toMatchObject({
      code: "NETWORK",
      transient: true,
      message: "x: network error (fetch failed)",
    });
  });

  it("reads anything else as permanent: a body that is not JSON, or our own bad input", () => {
    expect(errorFromSdk("x", new SyntaxError("Unexpected token"), noRedaction)).toMatchObject({
      code: "INVALID_RESPONSE",
      transient: false,
    });
    expect(errorFromSdk("x", new Error("Missing required path parameter"), noRedaction)).toMatchObject({
      code: "INVALID_ARGUMENT",
      transient: false,
    });
  });

  it("redacts what it keeps of the server's words, bounds them, and serialises without a cause", () => {
    const error = errorFromSdk("x", answer(400, "InvalidParameter", `bad ${"s3cret".repeat(100)}`), (t) =>
      t.replaceAll("s3cret", "*"),
    );
    expect(error.message).not.toContain("s3cret");
    expect(error.message.length).toBeLessThan(320);
    expect(Object.keys(JSON.parse(JSON.stringify(error))).sort()).toEqual(
      ["attempts", "code", "message", "name", "opcRequestId", "operation", "serviceCode", "status", "transient"].sort(),
    );
  });
});
