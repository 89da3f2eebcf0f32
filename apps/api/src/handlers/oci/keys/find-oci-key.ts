import { findOciKey, findOciKeyConnection, type OciKeyView } from "@cckm/inventory";
import type { OciKmsClient } from "@cckm/oci-kms-client";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { refParam } from "../../../http/validate.ts";
import { OCI_KIND } from "../oci-kinds.ts";

/** The key a path's `:id` names (its CM id or URI), or a 404 before anything else happens. */
export async function findOciKeyOr404(deps: AppDeps, params: unknown): Promise<OciKeyView> {
  const ref = refParam(params, [OCI_KIND.key]);
  const row = "id" in ref ? await findOciKey(deps.db, ref.id) : null;
  if (!row) throw new ApiError(404, `key ${"id" in ref ? ref.id : ref.name} not found`);
  return row;
}

/** The key and the client of its connection; a gone key is a 409 (OCI no longer has it). */
export async function ociKeyAndClient(
  deps: AppDeps,
  params: unknown,
): Promise<{ key: OciKeyView; client: OciKmsClient }> {
  const key = await findOciKeyOr404(deps, params);
  if (key.gone) throw new ApiError(409, `key ${key.id} is gone from OCI (lifecycle_state ${key.lifecycleState})`);
  const connection = await findOciKeyConnection(deps.db, key.id);
  if (!connection) throw new ApiError(404, `key ${key.id} not found`);
  return { key, client: deps.ociClients.for(connection) };
}
