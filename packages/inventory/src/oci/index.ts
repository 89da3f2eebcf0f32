export { OciClients, type OciClientsOptions, type OciConnectionSettings } from "./clients.ts";
export {
  addOciConnection,
  changeOciConnection,
  countOciConnections,
  deleteOciConnection,
  findOciConnection,
  findStoredOciConnection,
  listOciConnections,
  type NewOciConnection,
  OCI_CONNECTION_VIEW,
  type OciConnectionChanges,
  type OciConnectionFilter,
  type OciConnectionView,
  type OciSecret,
  ociSecretOf,
  recordOciConnectionTest,
  type StoredOciConnection,
} from "./connections.ts";
export { findOciKey, findOciKeyConnection, listOciKeys, type OciKeyFilter } from "./key-reads.ts";
export { OCI_KEY_VIEW, type OciKeyView, recordNewOciKey, recordOciKey } from "./keys.ts";
export { type OciSyncRun, ociProvider } from "./oci-provider.ts";
export { refreshOciKey } from "./refresh.ts";
export { type OciSyncDetails, type OciSyncTarget, type OciVaultSyncDetail, runOciSync } from "./sync.ts";
export {
  countOciSyncJobs,
  findOciSyncJob,
  listOciSyncJobs,
  OCI_SYNC_JOB_VIEW,
  type OciSyncJobFilter,
  type OciSyncJobView,
} from "./sync-reads.ts";
export { uploadLocalKeyVersion } from "./upload.ts";
export {
  deleteOciVault,
  findOciVault,
  listOciVaults,
  type OciVaultFilter,
  type OciVaultView,
  upsertOciVaults,
} from "./vaults.ts";
export {
  findOciVersion,
  listOciVersions,
  OCI_VERSION_VIEW,
  type OciVersionFilter,
  type OciVersionView,
  recordOciVersion,
} from "./version-reads.ts";
