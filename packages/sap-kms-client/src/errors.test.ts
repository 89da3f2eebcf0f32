import { describe, expect, it } from "vitest";
import { errorFromResponse, errorFromThrown, parseRetryAfter, SapKmsError } from "./errors.ts";

const body = (code: string) => ({ error: { code, message: `${code} happened` } });

describe("error classification", () => {
  it.each([
    [400, body("BAD_REQUEST"), "BAD_REQUEST", false],
    [413, body("PAYLOAD_TOO_LARGE"), "BAD_REQUEST", false],
    [422, undefined, "BAD_REQUEST", false],
    [401, body("TOKEN_EXPIRED"), "UNAUTHORIZED", false],
    [403, body("FORBIDDEN"), "FORBIDDEN", false],
    [403, body("KEY_NOT_EXPORTABLE"), "NOT_EXPORTABLE", false],
    [404, body("NOT_FOUND"), "NOT_FOUND", false],
    [404, body("ROUTE_NOT_FOUND"), "ENDPOINT_NOT_FOUND", false],
    [404, undefined, "ENDPOINT_NOT_FOUND", false],
    [409, body("KEY_NAME_CONFLICT"), "CONFLICT", false],
    [408, undefined, "TIMEOUT", true],
    [429, body("RATE_LIMITED"), "RATE_LIMITED", true],
    [500, body("INTERNAL_ERROR"), "SERVER_ERROR", true],
    [503, undefined, "SERVER_ERROR", true],
  ] as const)("HTTP %i %j → %s (retryable: %s)", (status, answer, code, retryable) => {
    const error = errorFromResponse("keys.get", status, answer, null);
    expect(error).toBeInstanceOf(SapKmsError);
    expect(error).toMatchObject({ code, retryable, status, operation: "keys.get" });
    expect(error.serverCode).toBe(answer?.error.code);
  });

  it("keeps Retry-After for 429 and 5xx only", () => {
    expect(errorFromResponse("x", 429, undefined, "3").retryAfterMs).toBe(3000);
    expect(errorFromResponse("x", 503, undefined, "1").retryAfterMs).toBe(1000);
    expect(errorFromResponse("x", 400, undefined, "3").retryAfterMs).toBeUndefined();
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:05 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("tells timeouts from network errors", () => {
    const timeout = errorFromThrown("keys.get", new DOMException("timed out", "TimeoutError"), 500);
    expect(timeout).toMatchObject({ code: "TIMEOUT", retryable: true, status: undefined });
    expect(timeout.message).toContain("500 ms");
    const refused = new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    expect(errorFromThrown("keys.get", refused, 500)).toMatchObject({ code: "NETWORK", retryable: true });
    expect(errorFromThrown("keys.get", refused, 500).message).toContain("ECONNREFUSED");
  });
});
