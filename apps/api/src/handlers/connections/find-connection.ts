import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";
import { CONNECTION_FIELDS, type ConnectionRow } from "./connection-resource.ts";

/** Provider: the connection named by `:id`, or a 404 before anything else happens. */
export async function findConnectionOr404(deps: AppDeps, params: unknown): Promise<ConnectionRow> {
  const id = idParam(params);
  const row = await deps.db.sapConnection.findUnique({ where: { id }, select: CONNECTION_FIELDS });
  if (!row) throw new ApiError(404, `connection ${id} not found`);
  return row;
}
