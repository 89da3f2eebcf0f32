export { OciKmsClient } from "./client.ts";
export type { OciKmsClientConfig, OciKmsLogger, OciRetryPolicy } from "./config.ts";
export { checkEndpoint, managementEndpointFor } from "./endpoints.ts";
export { errorFromSdk, OCI_KMS_ERROR_CODES, OciKmsError, type OciKmsErrorCode } from "./errors.ts";
export { ociKeyFingerprint } from "./fingerprint.ts";
export {
  CURVE_IDS,
  KEY_ALGORITHMS,
  KEY_LIFECYCLE_STATES,
  type NewOciKey,
  type OciCurveId,
  type OciKey,
  type OciKeyAlgorithm,
  type OciKeyChanges,
  type OciKeyLifecycleState,
  type OciKeyShape,
  type OciKeySummary,
  type OciKeyVersion,
  type OciKeyVersionSummary,
  type OciProtectionMode,
  type OciVault,
  type OciVaultLifecycleState,
  type OciVaultSummary,
  type OciWrappedMaterial,
  type OciWrappingAlgorithm,
  type OciWrappingKey,
  PROTECTION_MODES,
  VAULT_LIFECYCLE_STATES,
  WRAPPING_ALGORITHMS,
} from "./models.ts";
export { retryDelayMs } from "./retry.ts";
export { type ImportMaterial, wrapKeyMaterial, wrappingAlgorithmFor } from "./wrapping.ts";
