import { findOciKeyConnection, type OciKeyView } from "@cckm/inventory";
import type { OciKmsClient } from "@cckm/oci-kms-client";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { findOciKeyOr404 } from "./find-oci-key.ts";

/** The key (gone or not: a refresh may find it again) and its connection's client. */
export async function findOciKeyConnectionClient(
  deps: AppDeps,
  params: unknown,
): Promise<{ key: OciKeyView; client: OciKmsClient }> {
  const key = await findOciKeyOr404(deps, params);
  const connection = await findOciKeyConnection(deps.db, key.id);
  if (!connection) throw new ApiError(404, `key ${key.id} not found`);
  return { key, client: deps.ociClients.for(connection) };
}
