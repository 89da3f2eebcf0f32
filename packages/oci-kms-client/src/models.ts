import { z } from "zod";

/**
 * What the client answers: OCI's resources as the SDK models name them, checked with zod (a 2xx
 * that does not fit is INVALID_RESPONSE) and with times as RFC 3339 strings (the SDK types them as
 * Date but hands over the JSON strings). An enum value this client does not know reads as
 * `UNKNOWN_VALUE`, as the SDK documents for its own enums.
 */
export const KEY_LIFECYCLE_STATES = [
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
  "UPDATING",
  "BACKUP_IN_PROGRESS",
  "RESTORING",
] as const;
export type OciKeyLifecycleState = (typeof KEY_LIFECYCLE_STATES)[number] | "UNKNOWN_VALUE";

export const VAULT_LIFECYCLE_STATES = [
  "CREATING",
  "ACTIVE",
  "DELETING",
  "DELETED",
  "PENDING_DELETION",
  "SCHEDULING_DELETION",
  "CANCELLING_DELETION",
  "UPDATING",
  "BACKUP_IN_PROGRESS",
  "RESTORING",
] as const;
export type OciVaultLifecycleState = (typeof VAULT_LIFECYCLE_STATES)[number] | "UNKNOWN_VALUE";

export const KEY_ALGORITHMS = ["AES", "RSA", "ECDSA"] as const;
export type OciKeyAlgorithm = (typeof KEY_ALGORITHMS)[number];
export const CURVE_IDS = ["NIST_P256", "NIST_P384", "NIST_P521"] as const;
export type OciCurveId = (typeof CURVE_IDS)[number];
export const PROTECTION_MODES = ["SOFTWARE", "HSM"] as const;
export type OciProtectionMode = (typeof PROTECTION_MODES)[number];
export const WRAPPING_ALGORITHMS = ["RSA_OAEP_SHA256", "RSA_OAEP_AES_SHA256"] as const;
export type OciWrappingAlgorithm = (typeof WRAPPING_ALGORITHMS)[number];

const known = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum([...values, "UNKNOWN_VALUE"]).catch("UNKNOWN_VALUE");

const time = z.union([z.string(), z.date()]).transform((v) => (typeof v === "string" ? v : v.toISOString()));
const freeformTags = z
  .record(z.string(), z.string())
  .nullish()
  .transform((v) => v ?? {});
const definedTags = z
  .record(z.string(), z.record(z.string(), z.unknown()))
  .nullish()
  .transform((v) => v ?? {});

export const vaultSummarySchema = z.object({
  id: z.string().min(1),
  compartmentId: z.string(),
  displayName: z.string(),
  vaultType: known(["DEFAULT", "VIRTUAL_PRIVATE", "EXTERNAL"]),
  lifecycleState: known(VAULT_LIFECYCLE_STATES),
  managementEndpoint: z.string(),
  cryptoEndpoint: z.string(),
  timeCreated: time,
  freeformTags,
  definedTags,
});
export const vaultSchema = vaultSummarySchema.extend({
  wrappingkeyId: z.string().nullish(),
  timeOfDeletion: time.nullish(),
  isPrimary: z.boolean().nullish(),
});

export const keyShapeSchema = z.object({
  algorithm: known(KEY_ALGORITHMS),
  length: z.number().int(),
  curveId: known(CURVE_IDS).nullish(),
});

const keyState = known(KEY_LIFECYCLE_STATES);
const protectionMode = known(["SOFTWARE", "HSM", "EXTERNAL"]).nullish();

export const keySummarySchema = z.object({
  id: z.string().min(1),
  compartmentId: z.string(),
  vaultId: z.string(),
  displayName: z.string(),
  lifecycleState: keyState,
  timeCreated: time,
  protectionMode,
  algorithm: known(KEY_ALGORITHMS).nullish(),
  freeformTags,
  definedTags,
});
export const keySchema = keySummarySchema.omit({ algorithm: true }).extend({
  currentKeyVersion: z.string(),
  keyShape: keyShapeSchema,
  timeOfDeletion: time.nullish(),
  isPrimary: z.boolean().nullish(),
});

export const keyVersionSummarySchema = z.object({
  id: z.string().min(1),
  keyId: z.string(),
  vaultId: z.string(),
  compartmentId: z.string(),
  lifecycleState: keyState.nullish(),
  origin: known(["INTERNAL", "EXTERNAL"]).nullish(),
  timeCreated: time,
  timeOfDeletion: time.nullish(),
});
export const keyVersionSchema = keyVersionSummarySchema.extend({
  publicKey: z.string().nullish(),
  isPrimary: z.boolean().nullish(),
});

export const wrappingKeySchema = z.object({
  id: z.string().min(1),
  vaultId: z.string(),
  compartmentId: z.string(),
  lifecycleState: keyState,
  publicKey: z.string().includes("BEGIN PUBLIC KEY"),
  timeCreated: time,
});

export type OciVaultSummary = z.infer<typeof vaultSummarySchema>;
export type OciVault = z.infer<typeof vaultSchema>;
export type OciKeyShape = z.infer<typeof keyShapeSchema>;
export type OciKeySummary = z.infer<typeof keySummarySchema>;
export type OciKey = z.infer<typeof keySchema>;
export type OciKeyVersionSummary = z.infer<typeof keyVersionSummarySchema>;
export type OciKeyVersion = z.infer<typeof keyVersionSchema>;
export type OciWrappingKey = z.infer<typeof wrappingKeySchema>;

const tagsInput = {
  freeformTags: z.record(z.string().min(1).max(100), z.string().max(256)).optional(),
  definedTags: z.record(z.string().min(1).max(100), z.record(z.string().min(1).max(100), z.unknown())).optional(),
};

/** What createKey takes. `length` is in bytes, as OCI counts it (AES 16/24/32, RSA 256/384/512, ECDSA 32/48/66). */
export const newKeySchema = z.object({
  compartmentId: z.string().min(1).max(255),
  displayName: z.string().min(1).max(255),
  algorithm: z.enum(KEY_ALGORITHMS),
  length: z.number().int().min(1).max(1024),
  curveId: z.enum(CURVE_IDS).optional(),
  /** Default HSM, as OCI's. */
  protectionMode: z.enum(PROTECTION_MODES).optional(),
  ...tagsInput,
});
export type NewOciKey = z.input<typeof newKeySchema>;

export const keyChangesSchema = z
  .object({ displayName: z.string().min(1).max(255).optional(), ...tagsInput })
  .refine(
    (c) => Object.values(c).some((v) => v !== undefined),
    "give at least one of displayName, freeformTags, definedTags",
  );
export type OciKeyChanges = z.input<typeof keyChangesSchema>;

export const wrappedMaterialSchema = z.object({
  /** Base64 of the wrapped material. */
  keyMaterial: z.string().min(1).max(20_000),
  wrappingAlgorithm: z.enum(WRAPPING_ALGORITHMS),
});
export type OciWrappedMaterial = z.input<typeof wrappedMaterialSchema>;
