import type { KeySpec, KeyState, KeyUsage, Origin } from "./key-spec.ts";

/** One key tag, as AWS spells it. */
export interface Tag {
  TagKey: string;
  TagValue: string;
}

/** A KMS key of one account in one region. Times are epoch milliseconds. */
export interface KeyRecord {
  keyId: string;
  account: string;
  region: string;
  /** Creation order within the simulator (ListKeys pages follow it). */
  seq: number;
  creationDate: number;
  description: string;
  keySpec: KeySpec;
  keyUsage: KeyUsage;
  origin: Extract<Origin, "AWS_KMS" | "EXTERNAL">;
  state: KeyState;
  /** When a key pending deletion is deleted. */
  deletionDate?: number;
  pendingWindowInDays?: number;
  /** The key policy document, as the JSON text GetKeyPolicy answers. */
  policy: string;
  tags: Tag[];
  rotation: { enabled: boolean; periodInDays: number; nextRotationDate?: number };
}

/** An alias (`alias/...`) of one account in one region, naming one key. */
export interface AliasRecord {
  aliasName: string;
  account: string;
  region: string;
  targetKeyId: string;
  creationDate: number;
  lastUpdatedDate: number;
}
