import { findLocalKey } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";
import { refText } from "../oci/oci-kinds.ts";
import { localKeyResource } from "./local-key-resource.ts";

const param = z.object({ id: refText(256) });

/** `GET /vault/keys2/{id}`: by id or name. */
export function getLocalKey(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const { id } = parse(param, req.params, "path");
    const row = await findLocalKey(deps.db, id);
    if (!row) throw new ApiError(404, `key ${id} not found`);
    res.json(localKeyResource(row));
  };
}
