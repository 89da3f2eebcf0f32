import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type OciKmsClientConfig, redactor, resolveConfig } from "./config.ts";
import { checkEndpoint, managementEndpointFor } from "./endpoints.ts";

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ format: "pem", type: "pkcs8" })
  .toString();
const base: OciKmsClientConfig = {
  tenancyId: "ocid1.tenancy.oc1..aaaa",
  userId: "ocid1.user.oc1..bbbb",
  fingerprint: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
  privateKey,
  region: "us-ashburn-1",
};
const keyLines = privateKey.split("\n").filter((l) => l.length > 20 && !l.startsWith("-----"));

describe("connection settings", () => {
  it("fill in the defaults: 3 attempts, 10 s per attempt, pages of 100", () => {
    expect(resolveConfig(base)).toMatchObject({
      timeoutMs: 10_000,
      retry: { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 4000 },
      pageSize: 100,
      endpoints: {},
    });
  });

  it.each([
    [{ tenancyId: "tenancy" }, /tenancyId/],
    [{ fingerprint: "nope" }, /fingerprint/],
    [{ region: "Ashburn" }, /region/],
    [{ endpoints: { vault: "ftp://x" } }, /endpoints.vault/],
    [{ retry: { maxAttempts: 0 } }, /retry.maxAttempts/],
    [{ privateKey: "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----" }, /private key/],
  ])("refuse %j as INVALID_CONFIG", (change, message) => {
    expect(() => resolveConfig({ ...base, ...change } as OciKmsClientConfig)).toThrowError(
      expect.objectContaining({ code: "INVALID_CONFIG", message: expect.stringMatching(message) }),
    );
  });

  it("never put the key or the passphrase in a refusal", () => {
    try {
      resolveConfig({ ...base, passphrase: "a-long-passphrase", fingerprint: "x" });
    } catch (error) {
      const text = `${(error as Error).message} ${JSON.stringify(error)}`;
      expect(text).not.toContain("a-long-passphrase");
      for (const line of keyLines) expect(text).not.toContain(line);
    }
    const redact = redactor({ privateKey, passphrase: "a-long-passphrase" });
    expect(redact(`x ${keyLines[3]} a-long-passphrase y`)).toBe("x [redacted] [redacted] y");
  });
});

describe("endpoints", () => {
  it("refuse what is never a KMS", () => {
    for (const url of [
      "http://169.254.169.254/x",
      "http://[fe80::1]/",
      "http://0.0.0.0/",
      "file:///etc",
      "http://u:p@h/",
    ]) {
      expect(() => checkEndpoint(url, "op")).toThrowError(expect.objectContaining({ code: "ENDPOINT_FORBIDDEN" }));
    }
    expect(checkEndpoint("https://kms.us-ashburn-1.oraclecloud.com/", "op")).toBe(
      "https://kms.us-ashburn-1.oraclecloud.com",
    );
  });

  it("apply the management override: an origin replaces the advertised one's, a function rewrites it", () => {
    const advertised = "http://sim:4060/vaults/ocid1.vault.oc1.iad.x/management";
    expect(managementEndpointFor(advertised, undefined, "op")).toBe(advertised);
    expect(managementEndpointFor(advertised, "http://127.0.0.1:5000/ignored", "op")).toBe(
      "http://127.0.0.1:5000/vaults/ocid1.vault.oc1.iad.x/management",
    );
    expect(managementEndpointFor(advertised, (a) => a.replace("sim", "proxy"), "op")).toBe(
      "http://proxy:4060/vaults/ocid1.vault.oc1.iad.x/management",
    );
    expect(() => managementEndpointFor(advertised, () => "http://169.254.169.254", "op")).toThrowError(
      expect.objectContaining({ code: "ENDPOINT_FORBIDDEN" }),
    );
  });
});
