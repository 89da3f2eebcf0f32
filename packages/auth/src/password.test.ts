import { describe, expect, it } from "vitest";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "./password.ts";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("s3cret pässword");
    expect(stored.startsWith("scrypt$32768$8$1$")).toBe(true);
    expect(stored).not.toContain("s3cret");
    expect(await verifyPassword("s3cret pässword", stored)).toBe(true);
    expect(await verifyPassword("s3cret passwort", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("treats a malformed stored hash as a mismatch", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$1$2$3$4$5")).toBe(false);
  });

  it("keeps the dummy hash on the current parameters, so unknown users cost a full verification", async () => {
    const params = (await hashPassword("x")).split("$").slice(0, 4).join("$");
    expect(DUMMY_PASSWORD_HASH.split("$").slice(0, 4).join("$")).toBe(params);
    expect(await verifyPassword("", DUMMY_PASSWORD_HASH)).toBe(false);
  });
});
