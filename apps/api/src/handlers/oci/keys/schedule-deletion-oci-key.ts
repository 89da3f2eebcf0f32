import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { parse } from "../../../http/validate.ts";
import { runOciKeyAction } from "./oci-key-action.ts";

export const body = z.object({ days: z.number().int().min(7).max(30).default(7) });

const DAY_MS = 24 * 3600 * 1000;

/** `POST /cckm/oci/keys/{id}/schedule-deletion` (`{"days"}`, 7 to 30): the key in SCHEDULING_DELETION. */
export function scheduleDeletionOciKey(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const { days } = parse(body, req.body ?? {}, "body");
    // A little more than the days asked, so the moment still lies that far ahead when OCI checks it.
    const at = new Date(Date.now() + days * DAY_MS + 60_000);
    await runOciKeyAction(deps, req, res, "schedule-deletion", (c, me, id) => c.scheduleKeyDeletion(me, id, at));
  };
}
