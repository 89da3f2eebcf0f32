import { z } from "zod";
import { timing } from "../context.ts";
import { OciApiError } from "../http/errors.ts";
import type { OciRequest, OciRoute } from "../http/oci-route.ts";
import { ok } from "../http/reply.ts";
import { parseBody } from "../http/validate.ts";
import { type KeyAction, startKeyAction } from "../store/lifecycle.ts";
import { keyView } from "../views.ts";
import { keyFromPath } from "./lookup.ts";

const DAY_MS = 86_400_000;
/** Room for the client's clock and the request's time in flight. */
const TOLERANCE_MS = 10 * 60_000;

const scheduleSchema = z.object({ timeOfDeletion: z.iso.datetime({ offset: true }).optional() });

/** OCI: "between 7 and 30 days from when the request is received"; 30 days when not given. */
function timeOfDeletion(request: OciRequest, now: number): string {
  const body = parseBody(scheduleSchema, request.req.body ?? {});
  if (body.timeOfDeletion === undefined) return new Date(now + 30 * DAY_MS).toISOString();
  const at = Date.parse(body.timeOfDeletion);
  if (at < now + 7 * DAY_MS - TOLERANCE_MS || at > now + 30 * DAY_MS + TOLERANCE_MS) {
    throw new OciApiError("InvalidParameter", "timeOfDeletion must be between 7 and 30 days from now");
  }
  return new Date(at).toISOString();
}

function action(id: OciRoute["id"], name: KeyAction, segment: string): OciRoute {
  return {
    id,
    method: "post",
    path: `/keys/:keyId/actions/${segment}`,
    endpoint: "management",
    handle: (request) => {
      const now = timing(request.ctx);
      const when = name === "scheduleDeletion" ? timeOfDeletion(request, now.now) : undefined;
      const key = keyFromPath(request);
      startKeyAction(key, name, now, when);
      request.ctx.store.changed();
      return ok(keyView(key));
    },
  };
}

/** `POST .../actions/scheduleDeletion {timeOfDeletion?}`: ENABLED or DISABLED → SCHEDULING_DELETION → PENDING_DELETION. */
export const keysScheduleDeletion = action("keys.scheduleDeletion", "scheduleDeletion", "scheduleDeletion");
/** `POST .../actions/cancelDeletion`: PENDING_DELETION → CANCELLING_DELETION → the state before. */
export const keysCancelDeletion = action("keys.cancelDeletion", "cancelDeletion", "cancelDeletion");
/** `POST .../actions/enable`: DISABLED → ENABLING → ENABLED. */
export const keysEnable = action("keys.enable", "enable", "enable");
/** `POST .../actions/disable`: ENABLED → DISABLING → DISABLED. */
export const keysDisable = action("keys.disable", "disable", "disable");
