import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ociKeyFingerprint } from "./fingerprint.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../apps/oci-kms/fixtures/${name}`, import.meta.url), "utf8");

describe("API key fingerprints", () => {
  it("match OCI's (`openssl rsa -pubout -outform DER | openssl md5 -c`) from either half of the key", () => {
    // Computed with openssl when the fixture was made.
    const expected = "36:c4:51:70:74:2c:8b:22:a3:ec:15:ec:a1:13:6e:03";
    expect(ociKeyFingerprint(fixture("demo-user-key.pem"))).toBe(expected);
    expect(ociKeyFingerprint(fixture("demo-user-key.pub.pem"))).toBe(expected);
  });
});
