export {
  type ConnectionAttributes,
  type ConnectionChanges,
  type ConnectionCredentials,
  createConnection,
  credentialsOf,
  type NewConnection,
  updateConnection,
} from "./connections.ts";
export { type AddGroupsOutcome, addGroups } from "./groups.ts";
export { type AddVersionOutcome, addNativeVersion, type KeyBusy } from "./key-versions.ts";
export { withoutRestoreMarkers } from "./restore-marker.ts";
export { type ConnectionRow, SapClients, type SapClientsOptions } from "./sap-client.ts";
export { keyFields, runSync, upsertGroup } from "./sync.ts";
export type { GroupSyncDetail, KeyGuards, SyncDetails, SyncOutcome, SyncTarget } from "./sync-state.ts";
