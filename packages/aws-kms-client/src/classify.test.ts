import {
  KMSInternalException,
  KMSInvalidStateException,
  KMSServiceException,
  NotFoundException,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { classifyError } from "./classify.ts";
import { AwsKmsError } from "./errors.ts";

const meta = (httpStatusCode: number) => ({ httpStatusCode, attempts: 1, requestId: "req-1" });

/** A service error the SDK makes for an AWS error type it has no class for. */
function serviceError(name: string, status: number, message = `${name} happened`) {
  return new KMSServiceException({
    name,
    $fault: status >= 500 ? "server" : "client",
    message,
    $metadata: meta(status),
  });
}

describe("error classification", () => {
  it.each([
    [new NotFoundException({ message: "no key", $metadata: meta(400) }), "NOT_FOUND", false],
    [new KMSInvalidStateException({ message: "pending", $metadata: meta(400) }), "INVALID_STATE", false],
    [serviceError("AccessDeniedException", 400), "ACCESS_DENIED", false], // not a modeled KMS error class
    [serviceError("ValidationException", 400), "VALIDATION", false],
    [serviceError("InvalidSignatureException", 400), "INVALID_SIGNATURE", false],
    [serviceError("UnrecognizedClientException", 400), "UNRECOGNIZED_CLIENT", false],
    [serviceError("UnknownOperationException", 400), "ENDPOINT_NOT_FOUND", false],
    [serviceError("ThrottlingException", 400), "THROTTLED", true],
    [new KMSInternalException({ message: "oops", $metadata: meta(500) }), "SERVER_ERROR", true],
    [serviceError("UnknownError", 502), "SERVER_ERROR", true],
    [serviceError("UnknownError", 429), "THROTTLED", true],
    [serviceError("UnknownError", 404), "ENDPOINT_NOT_FOUND", false],
    [serviceError("SomethingNew", 400), "BAD_REQUEST", false],
  ] as const)("%s → %s (transient: %s)", (thrown, code, transient) => {
    const error = classifyError("DescribeKey", thrown);
    expect(error).toBeInstanceOf(AwsKmsError);
    expect(error).toMatchObject({ code, transient, operation: "DescribeKey", attempts: 1 });
    expect(error.status).toBe(thrown.$metadata.httpStatusCode);
    expect(error.awsCode).toBe(thrown.name);
    expect(error.message).toContain(`DescribeKey: ${thrown.name} (HTTP ${thrown.$metadata.httpStatusCode})`);
  });

  it("never reads the message: the same words under another type are another code", () => {
    const words = "Key 'arn:aws:kms:us-east-1:111122223333:key/x' does not exist";
    expect(classifyError("DescribeKey", serviceError("NotFoundException", 400, words)).code).toBe("NOT_FOUND");
    expect(classifyError("DescribeKey", serviceError("KMSInvalidStateException", 400, words)).code).toBe(
      "INVALID_STATE",
    );
  });

  it("tells timeouts, connection errors, refused endpoints and bugs apart", () => {
    const timeout = Object.assign(new Error("socket timed out"), { name: "TimeoutError" });
    expect(classifyError("ListKeys", timeout)).toMatchObject({ code: "TIMEOUT", transient: true });
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(classifyError("ListKeys", refused)).toMatchObject({ code: "NETWORK", transient: true });
    const wrapped = new Error("request failed", { cause: { code: "ECONNRESET" } });
    expect(classifyError("ListKeys", wrapped)).toMatchObject({ code: "NETWORK", transient: true });
    const forbidden = Object.assign(new Error("169.254.169.254 is a link-local address"), {
      code: "ENDPOINT_FORBIDDEN",
    });
    expect(classifyError("ListKeys", forbidden)).toMatchObject({ code: "ENDPOINT_FORBIDDEN", transient: false });
    expect(classifyError("ListKeys", new TypeError("x is not a function"))).toMatchObject({
      code: "UNEXPECTED",
      transient: false,
    });
  });

  it("takes any appearance of the secret out of the message, and drops such a cause", () => {
    const secret = "s3cr3t-access-key-value-0123456789abcdef";
    const error = classifyError("ListKeys", serviceError("ValidationException", 400, `echo: ${secret}`), secret);
    expect(error.message).toBe("ListKeys: ValidationException (HTTP 400): echo: [redacted]");
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain(secret);
  });
});
