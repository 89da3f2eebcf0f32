import { type ConnectionView, findConnection } from "@cckm/inventory";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { KIND } from "../../http/resource.ts";
import { type PathRef, refParam } from "../../http/validate.ts";

/** A connection's `:id`: its name, id or URI, as CipherTrust's docs say. */
export function connectionRef(params: unknown): PathRef {
  return refParam(params, [KIND.connection]);
}

/** Provider: the connection named by `:id` (name, id or URI), or a 404 before anything else happens. */
export async function findConnectionOr404(deps: AppDeps, params: unknown): Promise<ConnectionView> {
  const ref = connectionRef(params);
  const row = await findConnection(deps.db, ref);
  if (!row) throw new ApiError(404, `connection ${"id" in ref ? ref.id : ref.name} not found`);
  return row;
}
