import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, Response, Router } from "express";
import type { z } from "zod";
import type { SimulatorContext } from "../context.ts";

/** An admin route's answer. */
export interface AdminReply {
  status: number;
  body?: unknown;
}

/** An admin refusal: `{error: {code, message}}` with its status, as the SAP simulator's admin routes answer. */
export class AdminError extends Error {
  constructor(
    readonly code: "UNAUTHORIZED" | "BAD_REQUEST" | "NOT_FOUND",
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "AdminError";
  }
}

/** One admin route (tests, demos): no faults, no counting, `Authorization: Bearer <AWS_KMS_ADMIN_TOKEN>`. */
export interface AdminRoute {
  method: "get" | "post" | "put" | "delete";
  path: string;
  handle(req: Request, ctx: SimulatorContext): AdminReply;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

function checkAdmin(req: Request, adminToken: string): void {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "");
  const token = match?.[1];
  if (token === undefined || !timingSafeEqual(digest(token), digest(adminToken))) {
    throw new AdminError("UNAUTHORIZED", "admin routes need Authorization: Bearer <AWS_KMS_ADMIN_TOKEN>", 401);
  }
}

/** Parses an admin body with a zod schema; a mismatch is a 400 naming each problem. */
export function adminBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
    throw new AdminError("BAD_REQUEST", problems.join("; "), 400);
  }
  return parsed.data;
}

export function mountAdminRoute(router: Router, route: AdminRoute, ctx: SimulatorContext): void {
  router[route.method](route.path, (req: Request, res: Response) => {
    res.set("cache-control", "no-store");
    try {
      checkAdmin(req, ctx.adminToken);
      const reply = route.handle(req, ctx);
      if (reply.body === undefined) res.status(reply.status).end();
      else res.status(reply.status).json(reply.body);
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      res.status(error.status).json({ error: { code: error.code, message: error.message } });
    }
  });
}
