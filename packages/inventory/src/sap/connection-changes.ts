import type { Keyring } from "@cckm/crypto";
import type { Db } from "@cckm/db";
import { FOREIGN_KEY_VIOLATION, InventoryError, prismaCodeOf, UNIQUE_VIOLATION } from "../errors.ts";
import { testOutcomeColumns } from "../provider/connection-columns.ts";
import { CONNECTION_VIEW, type ConnectionView } from "./connection-reads.ts";
import { type ConnectionChanges, createConnection, type NewConnection, updateConnection } from "./connections.ts";

/**
 * Stores a new connection (its secret sealed, see createConnection) and answers it as shown.
 * A name already taken is CONNECTION_NAME_TAKEN.
 */
export async function addConnection(db: Db, keyring: Keyring, input: NewConnection): Promise<ConnectionView> {
  try {
    const { id } = await createConnection(db, keyring, input);
    return await db.sapConnection.findUniqueOrThrow({ where: { id }, select: CONNECTION_VIEW });
  } catch (error) {
    if (prismaCodeOf(error) === UNIQUE_VIOLATION) {
      throw new InventoryError("CONNECTION_NAME_TAKEN", `a connection named ${input.name} already exists`);
    }
    throw error;
  }
}

/** Changes a connection (a new secret sealed afresh, see updateConnection) and answers it as shown. */
export async function changeConnection(
  db: Db,
  keyring: Keyring,
  id: string,
  changes: ConnectionChanges,
): Promise<ConnectionView> {
  await updateConnection(db, keyring, id, changes);
  return db.sapConnection.findUniqueOrThrow({ where: { id }, select: CONNECTION_VIEW });
}

/**
 * Deletes a connection with its groups and sync history, in one guarded statement: only while no
 * key of the inventory and no running synchronization depends on it. A refusal says why
 * (CONNECTION_HAS_KEYS, CONNECTION_SYNCING; CONNECTION_IN_USE when a key came in between and the
 * foreign key refused). A connection that is gone already counts as deleted.
 */
export async function deleteConnection(db: Db, connection: { id: string; name: string }): Promise<void> {
  const { id, name } = connection;
  let deleted: number;
  try {
    ({ count: deleted } = await db.sapConnection.deleteMany({
      where: { id, keys: { none: {} }, syncJobs: { none: { overallStatus: "in_progress" } } },
    }));
  } catch (error) {
    if (prismaCodeOf(error) === FOREIGN_KEY_VIOLATION) {
      throw new InventoryError("CONNECTION_IN_USE", `connection ${name} is in use`);
    }
    throw error;
  }
  if (deleted === 1) return;
  const [keys, running] = await Promise.all([
    db.sapKey.count({ where: { connectionId: id } }),
    db.syncJob.count({ where: { connectionId: id, overallStatus: "in_progress" } }),
  ]);
  if (keys > 0)
    throw new InventoryError("CONNECTION_HAS_KEYS", `connection ${name} still has ${keys} key(s) in the inventory`);
  if (running > 0) throw new InventoryError("CONNECTION_SYNCING", `connection ${name} is being synchronized`);
}

/** What a connection test found, recorded on the connection (one statement; a connection deleted meanwhile keeps nothing). */
export async function recordConnectionTest(
  db: Db,
  id: string,
  outcome: { ok: boolean; error: string | null },
): Promise<void> {
  await db.sapConnection.updateMany({ where: { id }, data: testOutcomeColumns(outcome) });
}
