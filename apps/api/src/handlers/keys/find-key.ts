import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";
import { KEY_INCLUDE, type KeyRow } from "./key-resource.ts";

/** Provider: the key named by `:id`, or a 404 before anything else happens. */
export async function findKeyOr404(deps: AppDeps, params: unknown): Promise<KeyRow> {
  const id = idParam(params);
  const row = await deps.db.sapKey.findUnique({ where: { id }, include: KEY_INCLUDE });
  if (!row) throw new ApiError(404, `key ${id} not found`);
  return row;
}
