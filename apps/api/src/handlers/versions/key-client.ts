import { findKeyConnection } from "@cckm/inventory";
import type { SapKmsClient } from "@cckm/sap-kms-client";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";

/** The SAP client of the key's connection (the key was just found; a key dropped meanwhile is a 404). */
export async function sapClientOfKey(deps: AppDeps, keyId: string): Promise<SapKmsClient> {
  const connection = await findKeyConnection(deps.db, keyId);
  if (!connection) throw new ApiError(404, `key ${keyId} not found`);
  return deps.sapClients.for(connection);
}
