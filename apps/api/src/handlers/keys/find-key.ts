import { findKey, type KeyView } from "@cckm/inventory";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";

/** Provider: the key named by `:id`, or a 404 before anything else happens. */
export async function findKeyOr404(deps: AppDeps, params: unknown): Promise<KeyView> {
  const id = idParam(params);
  const row = await findKey(deps.db, id);
  if (!row) throw new ApiError(404, `key ${id} not found`);
  return row;
}
