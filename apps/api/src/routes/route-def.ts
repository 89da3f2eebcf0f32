import type { Right } from "@cckm/auth";
import type { RequestHandler } from "express";
import type { ZodType } from "zod";
import type { LoginThrottle } from "../auth/login-throttle.ts";
import type { AppDeps } from "../context.ts";

export interface RouteServices {
  deps: AppDeps;
  throttle: LoginThrottle;
}

/**
 * Every route of /api/v1 with the right it needs: `public` (no token), `authenticated` (any
 * signed-in user, whatever their groups), `read`, `write` or `admin`. The authorization test matrix iterates over this table, so a new
 * route is covered the day it is added. Static paths come before parameterised ones.
 */
export interface RouteDef {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  access: "public" | "authenticated" | Right;
  /** One line for the OpenAPI document. */
  summary: string;
  /** The schemas the handler validates with; the OpenAPI document is generated from them. */
  body?: ZodType;
  query?: ZodType;
  /** The schema of each success answer by status (`null`: no body); the OpenAPI document's responses. */
  responses: Partial<Record<200 | 201 | 202 | 204 | 304, ZodType | null>>;
  /** A 200 that may come as server-sent events (`text/event-stream`): each event's `data` schema. */
  eventStream?: { data: ZodType; description: string };
  handler: (s: RouteServices) => RequestHandler;
}
