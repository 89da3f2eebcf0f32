import {
  deleteOciConnection,
  findOciConnection,
  findStoredOciConnection,
  type OciConnectionView,
  recordOciConnectionTest,
  type StoredOciConnection,
} from "@cckm/inventory";
import type { CloudConnections } from "../../connections/cloud-connections.ts";
import { ociConnectionResource } from "./oci-connection-resource.ts";
import { probeOci } from "./probe-oci.ts";

/** OCI's connections (`/connectionmgmt/services/oci/connections`) for the shared connection routes. */
export const OCI_CONNECTIONS: CloudConnections<OciConnectionView, StoredOciConnection> = {
  cloud: "oci",
  find: (deps, ref) => findOciConnection(deps.db, ref),
  async findStored(deps, ref) {
    const view = await findOciConnection(deps.db, ref);
    return view ? findStoredOciConnection(deps.db, view.id) : null;
  },
  resource: ociConnectionResource,
  // 409 while vaults or a synchronization depend on it.
  remove: (deps, row) => deleteOciConnection(deps.db, row),
  // Lists the tenancy's vaults in the connection's region (a signed call).
  probe: (deps, row) => probeOci(() => deps.ociClients.for(row), row.tenancyOcid),
  recordTest: (deps, id, outcome) => recordOciConnectionTest(deps.db, id, outcome),
  audit: { delete: "connection.delete", test: "connection.test", resourceType: "oci_connection" },
};
