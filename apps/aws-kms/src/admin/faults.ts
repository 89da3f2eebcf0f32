import { faultAdminRoutes } from "@cckm/sim-faults";
import type { SimulatorContext } from "../context.ts";
import { type FaultRule, faultRuleSchema } from "../faults/fault-rule.ts";
import { AdminError, adminBody } from "./admin-route.ts";

/** `GET|PUT|POST|DELETE /admin/faults`, `DELETE /admin/faults/{id}`: the admin routes' 400 and 404. */
export const { faultsList, faultsReplace, faultsAdd, faultsClear, faultsRemove } = faultAdminRoutes<
  SimulatorContext,
  FaultRule
>({
  schema: faultRuleSchema,
  faults: (ctx) => ctx.faults,
  parseBody: adminBody,
  notFound: (message) => new AdminError("NOT_FOUND", message, 404),
});
