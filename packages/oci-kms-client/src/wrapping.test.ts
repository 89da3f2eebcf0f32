import { constants, createDecipheriv, generateKeyPairSync, privateDecrypt, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { wrapKeyMaterial, wrappingAlgorithmFor } from "./wrapping.ts";

const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const publicPem = publicKey.export({ format: "pem", type: "spki" }).toString();
const oaep = { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" };

describe("wrapping for OCI's import", () => {
  it("picks RSA-OAEP for AES material and the AES envelope for RSA keys", () => {
    expect(wrappingAlgorithmFor("AES")).toBe("RSA_OAEP_SHA256");
    expect(wrappingAlgorithmFor("RSA")).toBe("RSA_OAEP_AES_SHA256");
  });

  it("RSA_OAEP_SHA256 is RSA-OAEP (SHA-256) of the material", () => {
    const material = randomBytes(32);
    const wrapped = wrapKeyMaterial(publicPem, material, "RSA_OAEP_SHA256");
    expect(wrapped.wrappingAlgorithm).toBe("RSA_OAEP_SHA256");
    expect(privateDecrypt(oaep, Buffer.from(wrapped.keyMaterial, "base64"))).toEqual(material);
  });

  it("RSA_OAEP_AES_SHA256 is a wrapped AES-256 key, then the material under AES-KWP (RFC 5649)", () => {
    const material = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      format: "der",
      type: "pkcs8",
    });
    const blob = Buffer.from(wrapKeyMaterial(publicPem, material, "RSA_OAEP_AES_SHA256").keyMaterial, "base64");
    const aesKey = privateDecrypt(oaep, blob.subarray(0, 256));
    expect(aesKey).toHaveLength(32);
    const decipher = createDecipheriv("id-aes256-wrap-pad", aesKey, Buffer.from("A65959A6", "hex"));
    expect(Buffer.concat([decipher.update(blob.subarray(256)), decipher.final()])).toEqual(material);
  });
});
