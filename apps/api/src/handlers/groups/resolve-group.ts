import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";

/**
 * A group named in a request body the ways CipherTrust documents ("Name or ID of the group"; for a
 * sync "resource ID or groupID"): our resource id, SAP's group id, or its name, optionally within
 * one connection. null when nothing matches; 400 when a SAP id or name matches several groups.
 */
export async function findGroupByRef(deps: AppDeps, ref: string, connectionId?: string) {
  const within = connectionId ? { connectionId } : {};
  if (z.uuid().safeParse(ref).success) {
    const byId = await deps.db.sapGroup.findFirst({ where: { id: ref, ...within }, include: { connection: true } });
    if (byId) return byId;
  }
  for (const where of [{ sapGroupId: ref }, { name: ref }]) {
    const rows = await deps.db.sapGroup.findMany({
      where: { ...where, ...within },
      include: { connection: true },
      take: 2,
    });
    if (rows.length > 1) {
      throw new ApiError(400, `several groups are named ${ref} (in different connections): give the group's id`);
    }
    if (rows[0]) return rows[0];
  }
  return null;
}

/** As findGroupByRef, but a 404 when nothing matches. */
export async function resolveGroup(deps: AppDeps, ref: string) {
  const row = await findGroupByRef(deps, ref);
  if (!row) throw new ApiError(404, `group ${ref} not found`);
  return row;
}
