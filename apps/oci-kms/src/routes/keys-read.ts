import { z } from "zod";
import { notFound } from "../http/errors.ts";
import type { OciRoute } from "../http/oci-route.ts";
import { listQuery, paginate } from "../http/pagination.ts";
import { ok } from "../http/reply.ts";
import { parseQuery } from "../http/validate.ts";
import { CURVE_IDS, KEY_ALGORITHMS } from "../store/records.ts";
import { keySummaryView, keyView } from "../views.ts";
import { keyFromPath, vaultOf } from "./lookup.ts";
import { ocidField } from "./schemas.ts";

const listSchema = z.object({
  compartmentId: ocidField,
  ...listQuery,
  protectionMode: z.enum(["HSM", "SOFTWARE", "EXTERNAL"]).optional(),
  algorithm: z.enum(KEY_ALGORITHMS).optional(),
  length: z.coerce.number().int().optional(),
  curveId: z.enum(CURVE_IDS).optional(),
});

/** `GET /20180608/keys?compartmentId=...` → the vault's keys in the compartment, optionally by shape. */
export const keysList: OciRoute = {
  id: "keys.list",
  method: "get",
  path: "/keys",
  endpoint: "management",
  handle: (request) => {
    const { req, ctx, caller } = request;
    const query = parseQuery(listSchema, req.query);
    if (!ctx.store.hasCompartment(caller.tenancy, query.compartmentId)) {
      throw notFound(`compartment ${query.compartmentId}`);
    }
    const keys = ctx.store
      .listKeys(vaultOf(request).id)
      .filter(
        (k) =>
          k.compartmentId === query.compartmentId &&
          (query.protectionMode === undefined || k.protectionMode === query.protectionMode) &&
          (query.algorithm === undefined || k.algorithm === query.algorithm) &&
          (query.length === undefined || k.length === query.length) &&
          (query.curveId === undefined || k.curveId === query.curveId),
      );
    const page = paginate(keys, query);
    return ok(page.items.map(keySummaryView), page.headers);
  },
};

/** `GET /20180608/keys/{keyId}` → the key. */
export const keysGet: OciRoute = {
  id: "keys.get",
  method: "get",
  path: "/keys/:keyId",
  endpoint: "management",
  handle: (request) => ok(keyView(keyFromPath(request))),
};
