import { submitSync } from "@cckm/jobs";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import { startSyncJob } from "./cloud-sync-jobs.ts";
import { SAP_SYNC_JOBS } from "./sync-resource.ts";
import { syncTarget } from "./sync-target.ts";

export const body = z
  .object({
    /** Ours: the connection to synchronize (name or id). Optional when the groups or the inventory say it. */
    connection: z.string().min(1).max(64).nullish(),
    groups: z.array(z.string().min(1).max(256)).min(1).max(100).nullish(),
    synchronize_all: z.boolean().nullish(),
  })
  .refine((b) => !(b.groups && b.synchronize_all), {
    message: "groups and synchronize_all are mutually exclusive",
  })
  .refine((b) => b.groups != null || b.synchronize_all !== false, {
    message: "give groups, or synchronize_all: true",
  });

/**
 * `POST /cckm/sap/synchronization-jobs`: records the sync job (in_progress), then hands its id to
 * the worker through BullMQ. If the queue cannot be reached, the row stays and the reconciler
 * enqueues it later. 409 while a sync of the same connection is running.
 */
export function createSyncJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    // A bodyless POST (the docs' example) synchronizes every group, as synchronize_all does.
    const input = parse(body, req.body ?? {}, "body");
    const { connection, groups } = await syncTarget(deps, input);
    res.locals.audit = {
      action: "sync.create",
      resourceType: "sap_synchronization_job",
      detail: { connection: connection.name },
    };
    const principal = req.principal as NonNullable<typeof req.principal>;
    const submit = () =>
      submitSync(deps.pool, {
        connectionId: connection.id,
        groups,
        creatorId: principal.userId,
        creatorName: principal.username,
      });
    const busy = `a synchronization of connection ${connection.name} is already running`;
    const context = { audit: res.locals.audit, log: req.log };
    res.status(201).json(await startSyncJob(deps, context, SAP_SYNC_JOBS, submit, busy));
  };
}
