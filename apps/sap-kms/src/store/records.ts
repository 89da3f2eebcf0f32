import type { Curve, KeyType, Operation } from "./key-spec.ts";

/** The simulator's own records; views turn them into SAP's JSON shapes. */
export interface Keystore {
  id: string;
  name: string;
  provider: "AWS" | "AZURE" | "GCP" | "SAP";
  region: string;
  type: "SAP_PROVIDED" | "CUSTOMER_PROVIDED";
}

export interface TechnicalUser {
  id: string;
  name: string;
  apiKey: string;
  secret: string;
}

export interface Tenant {
  id: string;
  name: string;
  users: TechnicalUser[];
}

export interface Group {
  id: string;
  name: string;
  description: string;
  keystoreId: string;
  created: string;
  creatorId: string;
}

/** Material is raw bytes for AES and a PKCS#8 DER private key for RSA and EC. */
export type MaterialFormat = "RAW" | "PKCS8";

export interface KeyVersionRecord {
  version: number;
  material: Buffer;
  format: MaterialFormat;
  /** SubjectPublicKeyInfo DER, for RSA and EC. */
  publicKey?: Buffer;
  imported: boolean;
  created: string;
  creatorId: string;
}

export interface KeyRecord {
  id: string;
  name: string;
  description: string;
  groupId: string;
  type: KeyType;
  size: number;
  curve?: Curve;
  operations: Operation[];
  exportable: boolean;
  enabled: boolean;
  role: string;
  created: string;
  updated: string;
  creatorId: string;
  versions: KeyVersionRecord[];
}
