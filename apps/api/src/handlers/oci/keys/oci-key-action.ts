import { type OciKeyView, recordOciKey } from "@cckm/inventory";
import { type OciKey, type OciKmsClient, OciKmsError } from "@cckm/oci-kms-client";
import type { Request, Response } from "express";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { ociKeyAndClient } from "./find-oci-key.ts";
import { ociKeyResource } from "./oci-key-resource.ts";

export type OciKeyCall = (client: OciKmsClient, managementEndpoint: string, keyOcid: string) => Promise<OciKey>;

/**
 * An action on an OCI key: call OCI, then one guarded write of what it answered; the answer is the
 * key as stored (in its transitional state). OCI refusing the state is a 409 naming it; an outage
 * is the domain table's 502/503/504; nothing is written when OCI fails.
 */
export async function runOciKeyAction(
  deps: AppDeps,
  req: Request,
  res: Response,
  action: string,
  call: OciKeyCall,
): Promise<void> {
  const { key, client } = await ociKeyAndClient(deps, req.params);
  res.locals.audit = { action: `oci-key.${action}`, resourceType: "oci_key", resourceId: key.id };
  let answered: OciKey;
  try {
    answered = await call(client, key.vault.managementEndpoint, key.keyOcid);
  } catch (error) {
    throw stateRefusal(error, key, action);
  }
  const stored = await recordOciKey(deps.db, key.id, answered);
  if (!stored) throw new ApiError(404, `key ${key.id} left the inventory meanwhile`);
  res.json(ociKeyResource(stored));
}

/** OCI's IncorrectState as CipherTrust's 409, naming the state; any other error as it is. */
export function stateRefusal(error: unknown, key: OciKeyView, action: string): unknown {
  if (error instanceof OciKmsError && error.code === "INCORRECT_STATE") {
    return new ApiError(
      409,
      `cannot ${action} key ${key.id} in lifecycle_state ${key.lifecycleState} (as last read; OCI: ${error.message})`,
    );
  }
  return error;
}
