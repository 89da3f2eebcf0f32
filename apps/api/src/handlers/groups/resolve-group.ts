import { findGroupByRef, type GroupWithConnection } from "@cckm/inventory";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";

/**
 * A group named in a request body (our resource id, SAP's group id, or its name; see
 * findGroupByRef), with its connection; 404 when nothing matches, 400 when a SAP id or name matches
 * several groups (GROUP_AMBIGUOUS).
 */
export async function resolveGroup(deps: AppDeps, ref: string): Promise<GroupWithConnection> {
  const row = await findGroupByRef(deps.db, ref);
  if (!row) throw new ApiError(404, `group ${ref} not found`);
  return row;
}
