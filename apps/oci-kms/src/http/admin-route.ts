import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, Response, Router } from "express";
import type { SimulatorContext } from "../context.ts";
import { OciApiError } from "./errors.ts";
import { errorReply, type Reply, send } from "./reply.ts";

/** One admin route (tests, demos): no faults, no counting, `Authorization: Bearer <OCI_KMS_ADMIN_TOKEN>`. */
export interface AdminRoute {
  method: "get" | "post" | "put" | "delete";
  path: string;
  handle(req: Request, ctx: SimulatorContext): Promise<Reply> | Reply;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

function checkAdmin(req: Request, adminToken: string): void {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "");
  const token = match?.[1];
  if (token === undefined || !timingSafeEqual(digest(token), digest(adminToken))) {
    throw new OciApiError("NotAuthenticated", "admin routes need Authorization: Bearer <OCI_KMS_ADMIN_TOKEN>");
  }
}

export function mountAdminRoute(router: Router, route: AdminRoute, ctx: SimulatorContext): void {
  router[route.method](route.path, async (req: Request, res: Response) => {
    try {
      checkAdmin(req, ctx.adminToken);
      send(res, await route.handle(req, ctx));
    } catch (error) {
      if (!(error instanceof OciApiError)) throw error;
      send(res, errorReply(error));
    }
  });
}
