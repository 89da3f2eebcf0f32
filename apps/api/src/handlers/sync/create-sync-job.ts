import { Prisma } from "@cckm/db";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";
import { resolveConnection } from "../connections/resolve-connection.ts";
import { SYNC_INCLUDE, syncResource } from "./sync-resource.ts";

export const body = z
  .strictObject({
    connection: z.string().min(1).max(64).optional(),
    groups: z.array(z.string().min(1).max(256)).min(1).max(100).optional(),
    synchronize_all: z.boolean().optional(),
  })
  .refine((b) => !(b.groups && b.synchronize_all), {
    message: "groups and synchronize_all are mutually exclusive",
  })
  .refine((b) => b.groups !== undefined || b.synchronize_all === true, {
    message: "give groups, or synchronize_all: true",
  })
  .refine((b) => b.groups === undefined || b.connection !== undefined, {
    message: "connection is required with groups",
    path: ["connection"],
  });

async function connectionFor(deps: AppDeps, ref: string | undefined) {
  if (ref) return resolveConnection(deps, ref);
  const all = await deps.db.sapConnection.findMany({ take: 2 });
  if (all.length === 1 && all[0]) return all[0];
  throw new ApiError(
    400,
    all.length === 0 ? "there is no connection to synchronize" : "several connections exist: name one in connection",
  );
}

/**
 * `POST /cckm/sap/synchronization-jobs`: records the sync job (in_progress), then hands its id to
 * the worker through BullMQ. If the queue cannot be reached, the row stays and the reconciler
 * enqueues it later. 409 while a sync of the same connection is running.
 */
export function createSyncJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const connection = await connectionFor(deps, input.connection);
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
          synchronizeAll: input.synchronize_all === true,
          groups: input.groups ?? [],
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
