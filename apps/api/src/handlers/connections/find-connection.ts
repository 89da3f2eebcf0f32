import type { ConnectionView } from "@cckm/inventory";
import type { AppDeps } from "../../context.ts";
import { findCloudConnectionOr404 } from "./cloud-connections.ts";
import { SAP_CONNECTIONS } from "./sap-connections.ts";

/** The SAP connection named by `:id` (name, id or URI), or a 404 before anything else happens. */
export function findConnectionOr404(deps: AppDeps, params: unknown): Promise<ConnectionView> {
  return findCloudConnectionOr404(deps, SAP_CONNECTIONS, params);
}
