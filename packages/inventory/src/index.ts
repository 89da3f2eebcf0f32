export { type DropBackupOutcome, dropBackup } from "./backups.ts";
export { type ConnectionCredentials, createConnection, credentialsOf, type NewConnection } from "./connections.ts";
export { hasRestoreMarker, RESTORE_MARKER_PREFIX, restoreMarker } from "./restore-marker.ts";
export { SapClients } from "./sap-client.ts";
export { runSync } from "./sync.ts";
export { failSync, finishSync, type GroupSyncDetail, type SyncDetails } from "./sync-state.ts";
