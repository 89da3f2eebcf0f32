import { Prisma } from "@cckm/db";

/** Refusals of the inventory's reads and writes, named by `code` (callers match on it, never on the message). */
export type InventoryErrorCode =
  /** A connection's name is taken (names are unique). */
  | "CONNECTION_NAME_TAKEN"
  /** The connection still has keys in the inventory (their jobs and backups depend on it). */
  | "CONNECTION_HAS_KEYS"
  /** A synchronization of the connection is running. */
  | "CONNECTION_SYNCING"
  /** Something came to depend on the connection meanwhile (its foreign keys refused the delete). */
  | "CONNECTION_IN_USE"
  /** A group reference (SAP id or name) matches groups of several connections. */
  | "GROUP_AMBIGUOUS"
  /** An AWS KMS resource's name is taken. */
  | "KMS_NAME_TAKEN"
  /** The AWS KMS resource still has keys in the inventory. */
  | "KMS_HAS_KEYS"
  /** A local key's name is taken (names are unique). */
  | "KEY_NAME_TAKEN"
  /** A local key cannot become a version of that OCI key (another algorithm or size). */
  | "KEY_SHAPE_MISMATCH";

/** An inventory refusal; the API's domain-error table gives each code its HTTP status. */
export class InventoryError extends Error {
  constructor(
    readonly code: InventoryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "InventoryError";
  }
}

/** Prisma's code for a unique constraint that refused a write. */
export const UNIQUE_VIOLATION = "P2002";
/** Prisma's code for a foreign key that refused a write. */
export const FOREIGN_KEY_VIOLATION = "P2003";

/** The Prisma error code (`P2002`, …) of an error, if it has one. */
export function prismaCodeOf(error: unknown): string | undefined {
  return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : undefined;
}
