import { awsConnectionResourceSchema } from "../handlers/aws/aws-connection-resource.ts";
import { AWS_CONNECTIONS } from "../handlers/aws/aws-connections.ts";
import { probeOutcome } from "../handlers/aws/aws-probe.ts";
import { AWS_CONNECTION_CREATE } from "../handlers/aws/create-aws-connection.ts";
import { AWS_CONNECTION_LIST } from "../handlers/aws/list-aws-connections.ts";
import { AWS_CONNECTION_PARAMETERS } from "../handlers/aws/test-aws-connection-parameters.ts";
import { AWS_CONNECTION_PATCH } from "../handlers/aws/update-aws-connection.ts";
import { createConnection } from "../handlers/connections/create-connection.ts";
import { deleteConnection } from "../handlers/connections/delete-connection.ts";
import { getConnection } from "../handlers/connections/get-connection.ts";
import { testConnection } from "../handlers/connections/test-connection.ts";
import { testConnectionParameters } from "../handlers/connections/test-connection-parameters.ts";
import { updateConnection } from "../handlers/connections/update-connection.ts";
import { listOf } from "../http/list.ts";
import { listResources } from "../http/list-resources.ts";
import type { RouteDef } from "./route-def.ts";

const CONNECTIONS = "/connectionmgmt/services/aws/connections";

/** AWS connections (connection management, issue 15). Static paths come before parameterised ones. */
export const awsConnectionRoutes: RouteDef[] = [
  {
    method: "post",
    path: CONNECTIONS,
    access: "write",
    summary: "Create an AWS connection (the secret access key is sealed, never answered)",
    body: AWS_CONNECTION_CREATE.body,
    responses: { 201: awsConnectionResourceSchema },
    handler: (s) => createConnection(s.deps, AWS_CONNECTION_CREATE),
  },
  {
    method: "get",
    path: CONNECTIONS,
    access: "read",
    summary: "List AWS connections",
    query: AWS_CONNECTION_LIST.query,
    responses: { 200: listOf(awsConnectionResourceSchema) },
    handler: (s) => listResources(s.deps, AWS_CONNECTION_LIST),
  },
  {
    method: "get",
    path: `${CONNECTIONS}/:id`,
    access: "read",
    summary: "Get an AWS connection",
    responses: { 200: awsConnectionResourceSchema },
    handler: (s) => getConnection(s.deps, AWS_CONNECTIONS),
  },
  {
    method: "patch",
    path: `${CONNECTIONS}/:id`,
    access: "write",
    summary: "Update an AWS connection",
    body: AWS_CONNECTION_PATCH.body,
    responses: { 200: awsConnectionResourceSchema },
    handler: (s) => updateConnection(s.deps, AWS_CONNECTION_PATCH),
  },
  {
    method: "delete",
    path: `${CONNECTIONS}/:id`,
    access: "write",
    summary: "Delete an AWS connection (refused while a KMS names it)",
    responses: { 204: null },
    handler: (s) => deleteConnection(s.deps, AWS_CONNECTIONS),
  },
  {
    method: "post",
    path: `${CONNECTIONS}/:id/test`,
    access: "write",
    summary: "Test an AWS connection (a signed ListKeys in its region)",
    responses: { 200: probeOutcome },
    handler: (s) => testConnection(s.deps, AWS_CONNECTIONS),
  },
  {
    method: "post",
    path: "/connectionmgmt/services/aws/connection-test",
    access: "write",
    summary: "Test AWS connection parameters before creating the connection (persists nothing)",
    body: AWS_CONNECTION_PARAMETERS.body,
    responses: { 200: probeOutcome },
    handler: (s) => testConnectionParameters(s.deps, AWS_CONNECTION_PARAMETERS),
  },
];
