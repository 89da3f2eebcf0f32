import { z } from "zod";
import { EXPORT_ALGORITHMS } from "./export-wrapping.ts";

/**
 * SAP KMS v2 response shapes. Objects are loose: fields SAP adds are kept, and only what the
 * orchestrator relies on is required.
 */
export const KEY_TYPES = ["AES", "RSA", "EC"] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export const accessTokenSchema = z.looseObject({ accessToken: z.string().min(1) });

export const keystoreSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  provider: z.string(),
  region: z.string().optional(),
  type: z.string().optional(),
});
export type Keystore = z.infer<typeof keystoreSchema>;

export const groupSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  keystoreId: z.string().optional(),
  keystore: keystoreSchema.nullable().optional(),
  meta: z.looseObject({ created: z.string().optional(), creatorId: z.string().optional() }).optional(),
});
export type Group = z.infer<typeof groupSchema>;

export const keySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  type: z.enum(KEY_TYPES),
  size: z.number().int().optional(),
  curve: z.string().optional(),
  groupId: z.string(),
  role: z.string().optional(),
  enabled: z.boolean(),
  exportable: z.boolean(),
  operations: z.array(z.string()),
  state: z.string().optional(),
  keystoreContext: z.record(z.string(), z.unknown()).nullable().optional(),
  meta: z.looseObject({
    primaryVersion: z.number().int().min(0),
    totalVersions: z.number().int().min(0),
    created: z.string().optional(),
    updated: z.string().optional(),
    creatorId: z.string().optional(),
  }),
});
export type Key = z.infer<typeof keySchema>;

export const keyVersionSchema = z.looseObject({
  keyId: z.string(),
  version: z.number().int().min(0),
  primary: z.boolean().optional(),
  state: z.string().optional(),
  meta: z.looseObject({ created: z.string().optional(), imported: z.boolean().optional() }).optional(),
});
export type KeyVersion = z.infer<typeof keyVersionSchema>;

export const listOf = <T extends z.ZodType>(item: T) => z.looseObject({ value: z.array(item) });

export const publicKeySchema = z.looseObject({ publicKey: z.string().min(1) });

export const exportedVersionSchema = z.looseObject({
  keyId: z.string(),
  version: z.number().int().min(0),
  type: z.enum(KEY_TYPES),
  size: z.number().int().optional(),
  curve: z.string().optional(),
  algorithm: z.enum(EXPORT_ALGORITHMS),
  format: z.enum(["RAW", "PKCS8"]),
  wrappedKey: z.string().min(1),
});
export type ExportedVersion = z.infer<typeof exportedVersionSchema>;

/** Attributes of a new key (`POST /keys`, and `target` of an import). */
export interface NewKey {
  name: string;
  groupId: string;
  type: KeyType;
  description?: string;
  size?: number;
  curve?: string;
  operations?: string[];
  exportable?: boolean;
  enabled?: boolean;
  role?: string;
}

export type WrappingAlgorithm = "RSA_AES_WRAP_SHA256" | "OAEP_MGF1_SHA256";

/** The body of `POST /crypto/unwrap`: a new key (`target`) or a new version (`targetKeyId`). */
export type UnwrapRequest = {
  keyId: string;
  version: number;
  algorithm: WrappingAlgorithm;
  wrappedKey: string;
} & ({ target: NewKey; targetKeyId?: never } | { targetKeyId: string; target?: never });
