import { describe, expect, it } from "vitest";
import { invalidOperations, resolveKeySpec } from "./key-spec.ts";

describe("key specs", () => {
  it("fills in defaults", () => {
    expect(resolveKeySpec({ type: "AES" })).toEqual({ type: "AES", size: 256 });
    expect(resolveKeySpec({ type: "RSA" })).toEqual({ type: "RSA", size: 2048 });
    expect(resolveKeySpec({ type: "EC" })).toEqual({ type: "EC", size: 256, curve: "P-256" });
    expect(resolveKeySpec({ type: "EC", size: 521 })).toEqual({ type: "EC", size: 521, curve: "P-521" });
  });

  it("refuses sizes, curves and operations that do not fit the type", () => {
    expect(resolveKeySpec({ type: "AES", size: 512 })).toMatch(/128, 192, 256/);
    expect(resolveKeySpec({ type: "RSA", size: 1024 })).toMatch(/2048, 3072, 4096/);
    expect(resolveKeySpec({ type: "AES", curve: "P-256" })).toMatch(/EC keys only/);
    expect(resolveKeySpec({ type: "EC", size: 300 })).toMatch(/size of an EC key/);
    expect(resolveKeySpec({ type: "EC", size: 384, curve: "P-256" })).toMatch(/does not match/);
    expect(invalidOperations("EC", ["SIGN", "ENCRYPT"])).toMatch(/ENCRYPT/);
    expect(invalidOperations("AES", ["ENCRYPT", "WRAP"])).toBeUndefined();
  });
});
