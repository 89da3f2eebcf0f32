import { findOciConnection, findStoredOciConnection, type OciConnectionView } from "@cckm/inventory";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { findCloudConnectionOr404 } from "../../connections/cloud-connections.ts";
import { OCI_CONNECTIONS } from "./oci-connections.ts";

/** The OCI connection a path's `:id` names (name, id or URI), or a 404. */
export const findOciConnectionOr404 = (deps: AppDeps, params: unknown): Promise<OciConnectionView> =>
  findCloudConnectionOr404(deps, OCI_CONNECTIONS, params);

/** The OCI connection a body names (name or id), with its sealed credentials, or a 404. */
export async function storedOciConnectionOr404(deps: AppDeps, nameOrId: string) {
  const view = await findOciConnection(
    deps.db,
    /^[0-9a-f-]{36}$/i.test(nameOrId) ? { id: nameOrId.toLowerCase() } : { name: nameOrId },
  );
  const row = view ? await findStoredOciConnection(deps.db, view.id) : null;
  if (!row) throw new ApiError(404, `connection ${nameOrId} not found`);
  return row;
}
