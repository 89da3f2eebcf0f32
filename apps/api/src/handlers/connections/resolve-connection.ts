import { findStoredConnection, type StoredConnection } from "@cckm/inventory";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idOrName } from "../../http/query-types.ts";

/** A connection named in a request body, by id or by name; 404 when there is none. */
export async function resolveConnection(deps: AppDeps, ref: string): Promise<StoredConnection> {
  const row = await findStoredConnection(deps.db, idOrName(ref));
  if (!row) throw new ApiError(404, `connection ${ref} not found`);
  return row;
}
