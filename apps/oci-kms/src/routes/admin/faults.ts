import { faultAdminRoutes } from "@cckm/sim-faults";
import type { SimulatorContext } from "../../context.ts";
import { type FaultRule, faultRuleSchema } from "../../faults/fault-rule.ts";
import { OciApiError } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";

/** `GET|PUT|POST|DELETE /admin/faults`, `DELETE /admin/faults/{id}`: OCI's 400 and 404 errors. */
export const { faultsList, faultsReplace, faultsAdd, faultsClear, faultsRemove } = faultAdminRoutes<
  SimulatorContext,
  FaultRule
>({
  schema: faultRuleSchema,
  faults: (ctx) => ctx.faults,
  parseBody,
  notFound: (message) => new OciApiError("NotAuthorizedOrNotFound", message),
});
