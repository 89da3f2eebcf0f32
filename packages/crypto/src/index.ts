export { backupAad, connectionSecretAad, open, rewrap, type Sealed, seal, sha256Hex } from "./envelope.ts";
export { CryptoError, createKeyring, type Kek, type Keyring } from "./keyring.ts";
