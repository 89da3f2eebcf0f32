import { Prisma } from "@cckm/db";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";
import { SYNC_INCLUDE, syncResource } from "./sync-resource.ts";
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
    const row = await deps.db.syncJob
      .create({
        data: {
          connectionId: connection.id,
          synchronizeAll: groups.length === 0,
          groups,
          creatorId: principal.userId,
          creatorName: principal.username,
          details: { groups: [] },
        },
        include: SYNC_INCLUDE,
      })
      .catch((error: unknown) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
          throw new ApiError(409, `a synchronization of connection ${connection.name} is already running`);
        }
        throw error;
      });
    res.locals.audit.resourceId = row.id;
    await deps.queues.sync.add("sync", { syncJobId: row.id }, { jobId: row.id }).catch((error: unknown) => {
      req.log.warn({ err: error, syncJobId: row.id }, "sync job recorded but not enqueued; the reconciler will");
    });
    res.status(201).json(syncResource(row));
  };
}
