import { findOciVault } from "@cckm/inventory";
import { submitOciSync } from "@cckm/jobs";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { parse } from "../../../http/validate.ts";
import { startSyncJob } from "../../sync/cloud-sync-jobs.ts";
import { storedOciConnectionOr404 } from "../connections/find-oci-connection.ts";
import { ocid, principalOf, refText } from "../oci-kinds.ts";
import { OCI_SYNC_JOBS } from "./oci-sync-resource.ts";

export const body = z
  .object({
    /** CM vault ids. */
    vaults: z.array(z.uuid()).min(1).max(100).nullish(),
    synchronize_all: z.boolean().nullish(),
    /** Ours: the connection whose vaults to synchronize (required with synchronize_all). */
    connection: refText(64).nullish(),
    /** Ours: compartments whose keys to list besides each vault's own and the tenancy root. */
    compartments: z
      .array(z.union([ocid("compartment"), ocid("tenancy")]))
      .max(50)
      .nullish(),
  })
  .refine((b) => !(b.vaults && b.synchronize_all), { message: "vaults and synchronize_all are mutually exclusive" })
  .refine((b) => b.vaults != null || b.synchronize_all === true, { message: "give vaults, or synchronize_all: true" });

/** The connection a sync is of: the one named, or the one the vaults share. */
async function connectionOf(deps: AppDeps, input: z.infer<typeof body>) {
  if (input.vaults) {
    const vaults = await Promise.all(input.vaults.map((id) => findOciVault(deps.db, id)));
    const missing = input.vaults.filter((_, i) => !vaults[i]);
    if (missing.length > 0) throw new ApiError(404, `vault ${missing.join(", ")} not found`);
    const connections = new Set(vaults.map((v) => v?.connectionId));
    if (connections.size > 1) throw new ApiError(400, "body.vaults: the vaults belong to several connections");
    const connection = await storedOciConnectionOr404(deps, [...connections][0] as string);
    if (input.connection && input.connection !== connection.name && input.connection !== connection.id) {
      throw new ApiError(400, `body.connection: the vaults belong to connection ${connection.name}`);
    }
    return connection;
  }
  if (!input.connection) throw new ApiError(400, "body.connection: required with synchronize_all");
  return storedOciConnectionOr404(deps, input.connection);
}

/**
 * `POST /cckm/oci/synchronization-jobs`: records the job (in_progress), then enqueues its id for the
 * engine's `oci-sync` kind; a failed enqueue is picked up by the reconciler. 409 while one runs.
 */
export function createOciSyncJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const connection = await connectionOf(deps, input);
    res.locals.audit = {
      action: "sync.create",
      resourceType: "oci_synchronization_job",
      detail: { connection: connection.name },
    };
    const principal = principalOf(req);
    const submit = () =>
      submitOciSync(deps.pool, {
        connectionId: connection.id,
        vaults: input.vaults ?? [],
        compartments: input.compartments ?? [],
        creatorId: principal.userId,
        creatorName: principal.username,
      });
    const busy = `a synchronization of connection ${connection.name} is already running`;
    const context = { audit: res.locals.audit, log: req.log };
    res.status(201).json(await startSyncJob(deps, context, OCI_SYNC_JOBS, submit, busy));
  };
}
