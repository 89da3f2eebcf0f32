export { type DropBackupOutcome, dropBackup } from "./backups.ts";
export { type ConnectionCredentials, createConnection, credentialsOf, type NewConnection } from "./connections.ts";
