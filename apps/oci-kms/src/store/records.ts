/** The simulator's own records; views turn them into OCI's JSON shapes. */
export const KEY_ALGORITHMS = ["AES", "RSA", "ECDSA"] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];
export const CURVE_IDS = ["NIST_P256", "NIST_P384", "NIST_P521"] as const;
export type CurveId = (typeof CURVE_IDS)[number];
export const PROTECTION_MODES = ["SOFTWARE", "HSM"] as const;
export type ProtectionMode = (typeof PROTECTION_MODES)[number];
export const VAULT_TYPES = ["DEFAULT", "VIRTUAL_PRIVATE"] as const;
export type VaultType = (typeof VAULT_TYPES)[number];

export const KEY_STATES = [
  "CREATING",
  "ENABLING",
  "ENABLED",
  "DISABLING",
  "DISABLED",
  "DELETING",
  "DELETED",
  "PENDING_DELETION",
  "SCHEDULING_DELETION",
  "CANCELLING_DELETION",
] as const;
export type KeyState = (typeof KEY_STATES)[number];

export type Tags = { freeformTags: Record<string, string>; definedTags: Record<string, Record<string, unknown>> };

/** A user's API signing key: the public half and its fingerprint (MD5 of the SPKI DER, `aa:bb:...`). */
export interface ApiKey {
  fingerprint: string;
  publicKeyPem: string;
}

export interface User {
  id: string;
  name: string;
  apiKeys: ApiKey[];
}

export interface Compartment {
  id: string;
  name: string;
}

/** A tenancy: its root compartment has the tenancy's own OCID. */
export interface Tenancy {
  id: string;
  name: string;
  homeRegion: string;
  users: User[];
  compartments: Compartment[];
}

/** A pending lifecycle move: at `at` (ms since the epoch), the state becomes `to`. */
export interface Transition {
  to: KeyState;
  at: number;
}

export interface WrappingKeyRecord {
  id: string;
  timeCreated: string;
  /** PKCS#8 PEM and SPKI PEM; made on first use (RSA key generation is slow). */
  privateKeyPem?: string;
  publicKeyPem?: string;
}

export interface VaultRecord extends Tags {
  id: string;
  tenancyId: string;
  compartmentId: string;
  displayName: string;
  region: string;
  vaultType: VaultType;
  timeCreated: string;
  wrappingKey: WrappingKeyRecord;
}

/** Material is raw bytes for AES and a PKCS#8 DER private key for RSA and ECDSA. */
export interface KeyVersionRecord {
  id: string;
  keyId: string;
  vaultId: string;
  compartmentId: string;
  state: KeyState;
  transition?: Transition;
  origin: "INTERNAL" | "EXTERNAL";
  timeCreated: string;
  timeOfDeletion?: string;
  material: Buffer;
  /** SPKI PEM, for RSA and ECDSA. */
  publicKeyPem?: string;
}

export interface KeyRecord extends Tags {
  id: string;
  vaultId: string;
  compartmentId: string;
  displayName: string;
  algorithm: KeyAlgorithm;
  /** In bytes, as OCI counts it. */
  length: number;
  curveId?: CurveId;
  protectionMode: ProtectionMode;
  state: KeyState;
  transition?: Transition;
  /** The state a cancelled deletion goes back to. */
  stateBeforeDeletion?: KeyState;
  timeCreated: string;
  timeOfDeletion?: string;
  currentKeyVersion: string;
  versions: KeyVersionRecord[];
}
