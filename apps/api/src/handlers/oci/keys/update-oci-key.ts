import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { parse } from "../../../http/validate.ts";
import { runOciKeyAction } from "./oci-key-action.ts";

const tags = z.record(z.string().min(1).max(100), z.string().max(256));
const definedTags = z.record(z.string().min(1).max(100), z.record(z.string().min(1).max(100), z.unknown()));

export const body = z.object({
  display_name: z.string().min(1).max(255).nullish(),
  freeform_tags: tags.nullish(),
  defined_tags: definedTags.nullish(),
});

/** `PATCH /cckm/oci/keys/{id}`: the display name and/or tags on OCI (each tag map replaced whole), then stored. */
export function updateOciKey(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const changes = {
      ...(input.display_name ? { displayName: input.display_name } : {}),
      ...(input.freeform_tags ? { freeformTags: input.freeform_tags } : {}),
      ...(input.defined_tags ? { definedTags: input.defined_tags } : {}),
    };
    if (Object.keys(changes).length === 0) {
      throw new ApiError(400, "body: give display_name, freeform_tags or defined_tags");
    }
    await runOciKeyAction(deps, req, res, "update", (c, me, id) => c.updateKey(me, id, changes));
  };
}
