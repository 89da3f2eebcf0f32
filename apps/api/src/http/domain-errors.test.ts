import { AuthError } from "@cckm/auth";
import { InventoryError } from "@cckm/inventory";
import { JobError } from "@cckm/jobs";
import { SapKmsError } from "@cckm/sap-kms-client";
import { describe, expect, it } from "vitest";
import { domainError, refused } from "./domain-errors.ts";

describe("the domain-error table", () => {
  it("answers job refusals: an unknown key 404, the others 409, with the job's message", () => {
    expect(domainError(new JobError("KEY_NOT_FOUND", "key k not found"))).toEqual({
      status: 404,
      message: "key k not found",
    });
    for (const code of ["JOB_ACTIVE", "KEY_GONE", "KEY_NOT_GONE", "NO_BACKUP"] as const) {
      expect(domainError(new JobError(code, "no"))?.status).toBe(409);
    }
  });

  it("answers the inventory's and the user store's refusals", () => {
    expect(domainError(new InventoryError("CONNECTION_NAME_TAKEN", "taken"))).toEqual({
      status: 409,
      message: "taken",
    });
    expect(domainError(new InventoryError("GROUP_AMBIGUOUS", "several"))?.status).toBe(400);
    expect(domainError(new AuthError("USERNAME_TAKEN", "exists"))).toEqual({ status: 409, message: "exists" });
  });

  it("answers SAP's refusals and failures as upstream errors", () => {
    const sap = (code: ConstructorParameters<typeof SapKmsError>[0]) =>
      domainError(new SapKmsError(code, "op: why", { operation: "op" }));
    expect(sap("BAD_REQUEST")).toEqual({ status: 400, message: "SAP answered: op: why" });
    expect(sap("ENDPOINT_FORBIDDEN")).toEqual({ status: 400, message: "connection.api_endpoint: op: why" });
    expect(sap("NOT_FOUND")?.status).toBe(409);
    expect(sap("TIMEOUT")).toEqual({ status: 504, message: "SAP did not answer in time" });
    expect(sap("SERVER_ERROR")?.status).toBe(502);
  });

  it("answers the inventory's refused outcomes per operation", () => {
    expect(refused("dropBackup", "no_backup")).toMatchObject({ status: 409, message: "the key holds no backup" });
    expect(refused("destroyKey", "not_found")).toMatchObject({ status: 404, message: "key not found" });
    expect(refused("addVersion", "gone").status).toBe(409);
  });

  it("leaves every other error to the error handler", () => {
    expect(domainError(new Error("boom"))).toBeUndefined();
    expect(domainError(Object.assign(new Error("unique"), { code: "KEY_NOT_FOUND" }))).toBeUndefined();
  });
});
