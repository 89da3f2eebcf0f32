import {
  type AwsConnectionView,
  deleteAwsConnection,
  findAwsConnection,
  findStoredAwsConnection,
  recordAwsConnectionTest,
  type StoredAwsConnection,
} from "@cckm/inventory";
import type { CloudConnections } from "../connections/cloud-connections.ts";
import { awsConnectionResource } from "./aws-connection-resource.ts";
import { probeAws } from "./aws-probe.ts";

/** AWS's connections (`/connectionmgmt/services/aws/connections`) for the shared connection routes. */
export const AWS_CONNECTIONS: CloudConnections<AwsConnectionView, StoredAwsConnection> = {
  cloud: "aws",
  find: (deps, ref) => findAwsConnection(deps.db, ref),
  findStored: (deps, ref) => findStoredAwsConnection(deps.db, ref),
  resource: awsConnectionResource,
  // 409 while a KMS resource names it.
  remove: (deps, row) => deleteAwsConnection(deps.db, row),
  // A signed ListKeys in the connection's region.
  probe: (deps, row) => probeAws(() => deps.awsClients.for(row, row.awsRegion), "connection.endpoint"),
  recordTest: (deps, id, outcome) => recordAwsConnectionTest(deps.db, id, outcome),
  audit: { delete: "aws_connection.delete", test: "aws_connection.test", resourceType: "aws_connection" },
};
