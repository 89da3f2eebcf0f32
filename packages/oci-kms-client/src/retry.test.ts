import { describe, expect, it } from "vitest";
import { OciKmsError } from "./errors.ts";
import { retryDelayMs, withRetries } from "./retry.ts";

const settings = { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 };
const options = { redact: (t: string) => t };
const serverError = () => Object.assign(new Error("boom"), { statusCode: 503, serviceCode: "ServiceUnavailable" });

describe("retries", () => {
  it("back off exponentially with jitter, within the bound", () => {
    const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 500 };
    expect(retryDelayMs(policy, 1, () => 0)).toBe(50);
    expect(retryDelayMs(policy, 1, () => 1)).toBe(100);
    expect(retryDelayMs(policy, 3, () => 1)).toBe(400);
    expect(retryDelayMs(policy, 9, () => 1)).toBe(500);
  });

  it("retry transient failures up to maxAttempts, then throw with the count", async () => {
    let calls = 0;
    const error = await withRetries(
      "keys.get",
      settings,
      async () => {
        calls++;
        throw serverError();
      },
      options,
    ).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(error).toBeInstanceOf(OciKmsError);
    expect(error).toMatchObject({ code: "SERVER_ERROR", attempts: 3, message: "keys.get: boom (after 3 attempts)" });
  });

  it("stop at the first permanent failure, and return the first success", async () => {
    let calls = 0;
    const permanent = Object.assign(new Error("no"), { statusCode: 409, serviceCode: "IncorrectState" });
    await expect(
      withRetries(
        "x",
        settings,
        async () => {
          calls++;
          throw permanent;
        },
        options,
      ),
    ).rejects.toMatchObject({ code: "INCORRECT_STATE", attempts: 1 });
    expect(calls).toBe(1);
    let tries = 0;
    const value = await withRetries(
      "x",
      settings,
      async () => {
        if (++tries < 2) throw serverError();
        return "ok";
      },
      options,
    );
    expect([value, tries]).toEqual(["ok", 2]);
  });
});
