import { findGroup, findGroupsNamed, type GroupView, sapProvider } from "@cckm/inventory";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { refParam } from "../../http/validate.ts";

/**
 * Provider: the group named by `:id` (its name, id or URI, as CipherTrust's docs say), or a 404. A
 * name is unique within a connection only: one held by groups of several connections is a 400
 * asking for the id.
 */
export async function findGroupOr404(deps: AppDeps, params: unknown): Promise<GroupView> {
  const ref = refParam(params, [sapProvider.containers.uriKind, "cckm:sap_group"]);
  if ("id" in ref) {
    const row = await findGroup(deps.db, ref.id);
    if (!row) throw new ApiError(404, `group ${ref.id} not found`);
    return row;
  }
  const [row, another] = await findGroupsNamed(deps.db, ref.name, 2);
  if (!row) throw new ApiError(404, `group ${ref.name} not found`);
  if (another) throw new ApiError(400, `path.id: several groups are named ${ref.name}; name one by its id`);
  return row;
}
