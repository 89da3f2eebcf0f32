import {
  type ConnectionView,
  deleteConnection,
  findConnection,
  findStoredConnection,
  recordConnectionTest,
  type StoredConnection,
} from "@cckm/inventory";
import type { CloudConnections } from "./cloud-connections.ts";
import { probeConnection } from "./connection-probe.ts";
import { connectionResource } from "./connection-resource.ts";

/** SAP's connections (`/connectionmgmt/services/sap-dc/connections`) for the shared connection routes. */
export const SAP_CONNECTIONS: CloudConnections<ConnectionView, StoredConnection> = {
  cloud: "sap",
  find: (deps, ref) => findConnection(deps.db, ref),
  findStored: (deps, ref) => findStoredConnection(deps.db, ref),
  resource: connectionResource,
  // 409 while keys (and so their jobs and backups) or a running synchronization depend on it.
  remove: (deps, row) => deleteConnection(deps.db, row),
  probe: (deps, row) => probeConnection(deps.sapClients.fresh(row), "connection.api_endpoint"),
  recordTest: (deps, id, outcome) => recordConnectionTest(deps.db, id, outcome),
  audit: { delete: "connection.delete", test: "connection.test", resourceType: "sap_connection" },
};
