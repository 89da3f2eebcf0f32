import { type Keyring, open, seal } from "@cckm/crypto";

/**
 * The columns every connection table seals its secret into (SAP's technical user secret, AWS's
 * secret access key, OCI's private key and passphrase): envelope encryption under the keyring, the
 * AAD binding the value to its cloud and connection id. One mechanism; each cloud names its AAD.
 */
export interface SealedSecretColumns {
  secretCiphertext: Uint8Array<ArrayBuffer>;
  secretNonce: Uint8Array<ArrayBuffer>;
  secretTag: Uint8Array<ArrayBuffer>;
  secretWrappedDek: Uint8Array<ArrayBuffer>;
  secretKekId: string;
}

/** What opening reads: the sealed columns as a stored row holds them. */
export type StoredSecretColumns = { [K in keyof SealedSecretColumns]: K extends "secretKekId" ? string : Uint8Array };

/** Seals a connection's secret into its columns (under the keyring's current KEK). */
export function sealSecret(plain: string, aad: string, keyring: Keyring): SealedSecretColumns {
  const sealed = seal(Buffer.from(plain, "utf8"), aad, keyring);
  return {
    secretCiphertext: new Uint8Array(sealed.ciphertext),
    secretNonce: new Uint8Array(sealed.nonce),
    secretTag: new Uint8Array(sealed.tag),
    secretWrappedDek: new Uint8Array(sealed.wrappedDek),
    secretKekId: sealed.kekId,
  };
}

/** Opens a connection's sealed secret for one use; keep it out of logs, answers and payloads. */
export function openSecret(row: StoredSecretColumns, aad: string, keyring: Keyring): string {
  return open(
    {
      ciphertext: Buffer.from(row.secretCiphertext),
      nonce: Buffer.from(row.secretNonce),
      tag: Buffer.from(row.secretTag),
      wrappedDek: Buffer.from(row.secretWrappedDek),
      kekId: row.secretKekId,
    },
    aad,
    keyring,
  ).toString("utf8");
}
