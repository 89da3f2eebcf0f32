export * from "./aws/index.ts";
export { InventoryError, type InventoryErrorCode } from "./errors.ts";
export {
  createLocalKey,
  findLocalKey,
  LOCAL_KEY_VIEW,
  type LocalKeyAlgorithm,
  type LocalKeyView,
  listLocalKeys,
  localKeyAad,
  localKeyMaterial,
} from "./local-keys/local-keys.ts";
export * from "./oci/index.ts";
export type {
  CloudName,
  CloudProvider,
  CloudSync,
  CloudSyncOutcome,
  SyncClaim,
  SyncHooks,
  SyncJobTable,
} from "./provider/cloud-provider.ts";
export {
  openSecret,
  type SealedSecretColumns,
  type StoredSecretColumns,
  sealSecret,
} from "./provider/sealed-secret.ts";
export { type KeyTable, type ListingScope, markVanished } from "./provider/vanished.ts";
export { CLOUD_PROVIDERS } from "./providers.ts";
export { isSapCloudName } from "./sap/cloud-name.ts";
export { addConnection, changeConnection, deleteConnection, recordConnectionTest } from "./sap/connection-changes.ts";
export {
  CONNECTION_VIEW,
  type ConnectionFilter,
  type ConnectionRef,
  type ConnectionSortField,
  type ConnectionView,
  countConnections,
  findConnection,
  findStoredConnection,
  listConnections,
  type StoredConnection,
  someStoredConnections,
} from "./sap/connection-reads.ts";
export {
  type ConnectionAttributes,
  type ConnectionChanges,
  type ConnectionCredentials,
  createConnection,
  credentialsOf,
  type NewConnection,
  updateConnection,
} from "./sap/connections.ts";
export {
  countGroups,
  findGroup,
  findGroupByRef,
  findGroupsNamed,
  GROUP_VIEW,
  type GroupFilter,
  type GroupSortField,
  type GroupView,
  type GroupWithConnection,
  groupsInOrder,
  listGroups,
} from "./sap/group-reads.ts";
export { type AddGroupsOutcome, addGroups } from "./sap/groups.ts";
export {
  countKeys,
  findKey,
  findKeyConnection,
  KEY_VIEW,
  type KeyFilter,
  type KeySortField,
  type KeyView,
  listKeys,
  recordCreatedKey,
  sapKeyIdsHeldByOthers,
} from "./sap/key-reads.ts";
export { type AddVersionOutcome, addNativeVersion, type KeyBusy } from "./sap/key-versions.ts";
export { withoutRestoreMarkers } from "./sap/restore-marker.ts";
export { type ConnectionRow, SapClients, type SapClientsOptions } from "./sap/sap-client.ts";
export { type SapSyncRun, sapProvider } from "./sap/sap-provider.ts";
export { keyFields, runSync, upsertGroup } from "./sap/sync.ts";
export {
  countSyncJobs,
  findSyncJob,
  listSyncJobs,
  SYNC_JOB_VIEW,
  type SyncJobFilter,
  type SyncJobSortField,
  type SyncJobView,
} from "./sap/sync-reads.ts";
export type { GroupSyncDetail, KeyGuards, SyncDetails, SyncOutcome, SyncTarget } from "./sap/sync-state.ts";
