import { Router } from "express";
import type { AppDeps } from "../context.ts";

/**
 * Everything under `/admin`: the Bull Board dashboard at `/admin/queues` and its sign-in page.
 * (Being built: see issue 7.)
 */
export function adminRouter(_deps: AppDeps): Router {
  return Router();
}
