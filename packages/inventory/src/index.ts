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
export { withoutRestoreMarkers } from "./restore-marker.ts";
export { type ConnectionRow, SapClients, type SapClientsOptions } from "./sap-client.ts";
export { keyFields, runSync } from "./sync.ts";
export { failSync, finishSync, type GroupSyncDetail, type SyncDetails } from "./sync-state.ts";
