import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, Response, Router } from "express";
import type { SimulatorContext } from "../context.ts";
import { KmsError } from "./errors.ts";
import { errorReply, type Reply, send } from "./reply.ts";
import { bearerToken } from "./tenant-auth.ts";

/** One admin route (tests, demos): no faults, no counting, `Authorization: Bearer <SAP_KMS_ADMIN_TOKEN>`. */
export interface AdminRoute {
  method: "get" | "post" | "put" | "delete";
  path: string;
  handle(req: Request, ctx: SimulatorContext): Promise<Reply> | Reply;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

function checkAdmin(req: Request, adminToken: string): void {
  const token = bearerToken(req);
  if (token === undefined || !timingSafeEqual(digest(token), digest(adminToken))) {
    throw new KmsError("UNAUTHORIZED", "admin routes need Authorization: Bearer <SAP_KMS_ADMIN_TOKEN>");
  }
}

export function mountAdminRoute(router: Router, route: AdminRoute, ctx: SimulatorContext): void {
  router[route.method](route.path, async (req: Request, res: Response) => {
    try {
      checkAdmin(req, ctx.adminToken);
      send(res, await route.handle(req, ctx));
    } catch (error) {
      if (!(error instanceof KmsError)) throw error;
      send(res, errorReply(error));
    }
  });
}
