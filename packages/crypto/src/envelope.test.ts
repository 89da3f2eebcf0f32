import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { backupAad, CryptoError, createKeyring, open, rewrap, seal } from "./index.ts";

const k1 = randomBytes(32).toString("base64");
const k2 = randomBytes(32).toString("base64");
const material = randomBytes(32);
const aad = backupAad("5db60499-9f4f-4143-b963-370459d3cef1", 0);

function refusal(fn: () => unknown): CryptoError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    return error as CryptoError;
  }
  throw new Error("expected a CryptoError");
}

describe("envelope encryption", () => {
  it("round-trips, never storing the plaintext or the data key in the clear", () => {
    const keyring = createKeyring({ id: "kek-1", base64: k1 });
    const sealed = seal(material, aad, keyring);
    expect(sealed.kekId).toBe("kek-1");
    expect(sealed.ciphertext).toHaveLength(material.length);
    expect(sealed.ciphertext.equals(material)).toBe(false);
    expect(sealed.wrappedDek).toHaveLength(60);
    expect(open(sealed, aad, keyring).equals(material)).toBe(true);
  });

  it("binds the ciphertext to its key id and version", () => {
    const keyring = createKeyring({ id: "kek-1", base64: k1 });
    const sealed = seal(material, aad, keyring);
    expect(refusal(() => open(sealed, backupAad("5db60499-9f4f-4143-b963-370459d3cef1", 1), keyring)).code).toBe(
      "INTEGRITY_FAILED",
    );
    expect(refusal(() => open(sealed, backupAad("00000000-0000-4000-8000-000000000000", 0), keyring)).code).toBe(
      "INTEGRITY_FAILED",
    );
  });

  it("detects tampering of the data, the tag and the wrapped key", () => {
    const keyring = createKeyring({ id: "kek-1", base64: k1 });
    const sealed = seal(material, aad, keyring);
    for (const field of ["ciphertext", "tag", "wrappedDek", "nonce"] as const) {
      const copy = { ...sealed, [field]: Buffer.from(sealed[field]) };
      (copy[field] as Buffer)[0] = ((copy[field] as Buffer)[0] ?? 0) ^ 1;
      expect(refusal(() => open(copy, aad, keyring)).code).toBe("INTEGRITY_FAILED");
    }
  });

  it("opens old records after a rotation, and re-wraps them under the new KEK", () => {
    const before = createKeyring({ id: "kek-1", base64: k1 });
    const sealed = seal(material, aad, before);
    const after = createKeyring({ id: "kek-2", base64: k2 }, `kek-1:${k1}`);
    expect(open(sealed, aad, after).equals(material)).toBe(true);
    const rewrapped = rewrap(sealed, aad, after);
    expect(rewrapped.kekId).toBe("kek-2");
    expect(rewrapped.ciphertext.equals(sealed.ciphertext)).toBe(true);
    expect(open(rewrapped, aad, createKeyring({ id: "kek-2", base64: k2 })).equals(material)).toBe(true);
    expect(refusal(() => open(sealed, aad, createKeyring({ id: "kek-2", base64: k2 }))).code).toBe("KEK_UNKNOWN");
  });

  it("refuses a malformed keyring", () => {
    expect(refusal(() => createKeyring({ id: "k", base64: "c2hvcnQ=" })).code).toBe("KEYRING_INVALID");
    expect(refusal(() => createKeyring({ id: "k", base64: k1 }, "no-colon")).code).toBe("KEYRING_INVALID");
    // A rotation that forgot to change the id would lose every old value: refused.
    expect(refusal(() => createKeyring({ id: "kek-1", base64: k2 }, `kek-1:${k1}`)).code).toBe("KEYRING_INVALID");
  });
});
