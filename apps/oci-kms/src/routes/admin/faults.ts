import { z } from "zod";
import { faultRuleSchema } from "../../faults/fault-rule.ts";
import type { AdminRoute } from "../../http/admin-route.ts";
import { OciApiError } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";

const replaceSchema = z.object({ faults: z.array(faultRuleSchema).max(100) }).strict();

/** `GET /admin/faults` → `{faults: [...]}` with each rule's id and how often it applied. */
export const faultsList: AdminRoute = {
  method: "get",
  path: "/faults",
  handle: (_req, ctx) => ({ status: 200, body: { faults: ctx.faults.list() } }),
};

/** `PUT /admin/faults {faults: [...]}` replaces every rule (random sequences start afresh). */
export const faultsReplace: AdminRoute = {
  method: "put",
  path: "/faults",
  handle: (req, ctx) => ({
    status: 200,
    body: { faults: ctx.faults.replace(parseBody(replaceSchema, req.body).faults) },
  }),
};

/** `POST /admin/faults {route, ...}` adds one rule → 201 with its id. */
export const faultsAdd: AdminRoute = {
  method: "post",
  path: "/faults",
  handle: (req, ctx) => ({ status: 201, body: ctx.faults.add(parseBody(faultRuleSchema, req.body)) }),
};

/** `DELETE /admin/faults` clears every rule. */
export const faultsClear: AdminRoute = {
  method: "delete",
  path: "/faults",
  handle: (_req, ctx) => {
    ctx.faults.replace([]);
    return { status: 204 };
  },
};

/** `DELETE /admin/faults/{id}` removes one rule. */
export const faultsRemove: AdminRoute = {
  method: "delete",
  path: "/faults/:faultId",
  handle: (req, ctx) => {
    const id = String(req.params.faultId);
    if (!ctx.faults.remove(id)) throw new OciApiError("NotAuthorizedOrNotFound", `no fault rule ${id}`);
    return { status: 204 };
  },
};
