import { findOciVault, type OciVaultView } from "@cckm/inventory";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { refParam } from "../../../http/validate.ts";
import { OCI_KIND } from "../oci-kinds.ts";

/** The vault a path's `:id` names (its CM id or URI), or a 404. */
export async function findOciVaultOr404(deps: AppDeps, params: unknown): Promise<OciVaultView> {
  const ref = refParam(params, [OCI_KIND.vault]);
  const row = "id" in ref ? await findOciVault(deps.db, ref.id) : null;
  if (!row) throw new ApiError(404, `vault ${"id" in ref ? ref.id : ref.name} not found`);
  return row;
}
