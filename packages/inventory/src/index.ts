export * from "./aws/index.ts";
export { isSapCloudName } from "./cloud-name.ts";
export { addConnection, changeConnection, deleteConnection, recordConnectionTest } from "./connection-changes.ts";
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
} from "./connection-reads.ts";
export {
  type ConnectionAttributes,
  type ConnectionChanges,
  type ConnectionCredentials,
  createConnection,
  credentialsOf,
  type NewConnection,
  updateConnection,
} from "./connections.ts";
export { InventoryError, type InventoryErrorCode } from "./errors.ts";
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
} from "./group-reads.ts";
export { type AddGroupsOutcome, addGroups } from "./groups.ts";
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
} from "./key-reads.ts";
export { type AddVersionOutcome, addNativeVersion, type KeyBusy } from "./key-versions.ts";
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
export { withoutRestoreMarkers } from "./restore-marker.ts";
export { type ConnectionRow, SapClients, type SapClientsOptions } from "./sap-client.ts";
export { keyFields, runSync, upsertGroup } from "./sync.ts";
export {
  countSyncJobs,
  findSyncJob,
  listSyncJobs,
  SYNC_JOB_VIEW,
  type SyncJobFilter,
  type SyncJobSortField,
  type SyncJobView,
} from "./sync-reads.ts";
export type { GroupSyncDetail, KeyGuards, SyncDetails, SyncOutcome, SyncTarget } from "./sync-state.ts";
