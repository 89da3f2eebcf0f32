import { createHash, createPrivateKey, createPublicKey } from "node:crypto";

/**
 * An API signing key's fingerprint as OCI shows it: the MD5 of the public key's DER
 * (SubjectPublicKeyInfo), as colon-separated hex pairs. Takes the public key or the private key (PEM).
 */
export function ociKeyFingerprint(pem: string, passphrase?: string): string {
  const publicKey = createPublicKey(
    pem.includes("PRIVATE KEY") ? createPrivateKey({ key: pem, format: "pem", passphrase: passphrase ?? "" }) : pem,
  );
  const der = publicKey.export({ format: "der", type: "spki" });
  return createHash("md5").update(der).digest("hex").match(/../g)?.join(":") ?? "";
}
