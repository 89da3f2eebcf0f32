import type { AdminRoute } from "./admin-route.ts";
import { faultsAdd, faultsClear, faultsList, faultsRemove, faultsReplace } from "./faults.ts";
import { accessKeysList, keysList, requestsList, requestsReset } from "./inspect.ts";

/** The simulator's own routes, under `/admin`. */
export const ADMIN_ROUTES: AdminRoute[] = [
  faultsList,
  faultsReplace,
  faultsAdd,
  faultsClear,
  faultsRemove,
  keysList,
  accessKeysList,
  requestsList,
  requestsReset,
];
