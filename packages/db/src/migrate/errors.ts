export type MigrationErrorCode =
  | "MIGRATION_CHECKSUM_MISMATCH"
  | "MIGRATION_PREVIOUSLY_FAILED"
  | "MIGRATION_FAILED"
  | "MIGRATIONS_DIR_NOT_FOUND";

/** Every refusal of the migration runner; `code` says which, `migration` names the file. */
export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly migration?: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}
