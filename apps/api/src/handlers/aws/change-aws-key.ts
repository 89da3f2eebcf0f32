import { AwsKmsError } from "@cckm/aws-kms-client";
import { type AwsKeyAction, changeAwsKey as change } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";
import { awsKeyResource } from "./aws-key-resource.ts";
import { findAwsKeyOr404 } from "./find-aws.ts";

export const scheduleBody = z.object({
  days: z.number().int().min(7, "The days must be between 7 and 30").max(30, "The days must be between 7 and 30"),
});

type Action = AwsKeyAction["action"];

/** What each action makes of the request body. */
function actionOf(action: Action, body: unknown): AwsKeyAction {
  if (action === "schedule-deletion") return { action, days: parse(scheduleBody, body ?? {}, "body").days };
  return { action };
}

/**
 * `POST /cckm/aws/keys/{id}/<action>` (enable, disable, cancel-deletion, schedule-deletion, refresh):
 * AWS makes the change, then the key is read back and stored as AWS answered it, and that is the
 * answer. AWS's refusal (a key in the wrong state: 409 naming it) or outage (502/503/504) changes
 * nothing in the inventory.
 */
export function changeAwsKey(deps: AppDeps, action: Action): RequestHandler {
  return async (req, res) => {
    const key = await findAwsKeyOr404(deps, req.params);
    const wanted = actionOf(action, req.body);
    res.locals.audit = {
      action: `aws_key.${action}`,
      resourceType: "aws_key",
      resourceId: key.id,
      detail: { key_state: key.keyState, ...(wanted.action === "schedule-deletion" ? { days: wanted.days } : {}) },
    };
    if (key.gone && action !== "refresh") throw new ApiError(409, `key ${key.id} is gone from AWS`);
    const stored = await change(deps.db, deps.awsClients, key, wanted).catch((error: unknown) => {
      if (error instanceof AwsKmsError && error.code === "INVALID_STATE") {
        throw new ApiError(409, `key ${key.id} is ${key.keyState}: AWS refused ${action} (${error.message})`);
      }
      throw error;
    });
    if (!stored) throw new ApiError(404, `key ${key.id} not found`);
    res.json(awsKeyResource(stored));
  };
}
