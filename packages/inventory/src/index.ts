export { type DropBackupOutcome, dropBackup } from "./backups.ts";
export {
  type ConnectionAttributes,
  type ConnectionChanges,
  type ConnectionCredentials,
  createConnection,
  credentialsOf,
  type NewConnection,
  updateConnection,
} from "./connections.ts";
export { type DestroyKeyOutcome, destroyKey } from "./destroy-key.ts";
export { type AddGroupsOutcome, addGroups } from "./groups.ts";
export { type AddVersionOutcome, addNativeVersion } from "./key-versions.ts";
export { withoutRestoreMarkers } from "./restore-marker.ts";
export { type ConnectionRow, SapClients, type SapClientsOptions } from "./sap-client.ts";
export { keyFields, runSync, upsertGroup } from "./sync.ts";
export {
  type CancelSyncOutcome,
  cancelSync,
  failSync,
  finishSync,
  type GroupSyncDetail,
  type SyncDetails,
} from "./sync-state.ts";
