import { probeOutcome } from "../handlers/connections/connection-probe.ts";
import { connectionResourceSchema } from "../handlers/connections/connection-resource.ts";
import { createConnection } from "../handlers/connections/create-connection.ts";
import { deleteConnection } from "../handlers/connections/delete-connection.ts";
import { getConnection } from "../handlers/connections/get-connection.ts";
import { SAP_CONNECTION_LIST } from "../handlers/connections/list-connections.ts";
import { SAP_CONNECTION_CREATE } from "../handlers/connections/sap-connection-create.ts";
import { SAP_CONNECTION_PARAMETERS } from "../handlers/connections/sap-connection-parameters.ts";
import { SAP_CONNECTION_PATCH } from "../handlers/connections/sap-connection-patch.ts";
import { SAP_CONNECTIONS } from "../handlers/connections/sap-connections.ts";
import { testConnection } from "../handlers/connections/test-connection.ts";
import { testConnectionParameters } from "../handlers/connections/test-connection-parameters.ts";
import { updateConnection } from "../handlers/connections/update-connection.ts";
import { listOf } from "../http/list.ts";
import { listResources } from "../http/list-resources.ts";
import type { RouteDef } from "./route-def.ts";

const CONNECTIONS = "/connectionmgmt/services/sap-dc/connections";

/** SAP Data Custodian connections (connection management). Static paths come before parameterised ones. */
export const connectionRoutes: RouteDef[] = [
  {
    method: "post",
    path: CONNECTIONS,
    access: "write",
    summary: "Create a SAP Data Custodian connection",
    body: SAP_CONNECTION_CREATE.body,
    responses: { 201: connectionResourceSchema },
    handler: (s) => createConnection(s.deps, SAP_CONNECTION_CREATE),
  },
  {
    method: "get",
    path: CONNECTIONS,
    access: "read",
    summary: "List connections",
    query: SAP_CONNECTION_LIST.query,
    responses: { 200: listOf(connectionResourceSchema) },
    handler: (s) => listResources(s.deps, SAP_CONNECTION_LIST),
  },
  {
    method: "get",
    path: `${CONNECTIONS}/:id`,
    access: "read",
    summary: "Get a connection",
    responses: { 200: connectionResourceSchema },
    handler: (s) => getConnection(s.deps, SAP_CONNECTIONS),
  },
  {
    method: "patch",
    path: `${CONNECTIONS}/:id`,
    access: "write",
    summary: "Update a connection",
    body: SAP_CONNECTION_PATCH.body,
    responses: { 200: connectionResourceSchema },
    handler: (s) => updateConnection(s.deps, SAP_CONNECTION_PATCH),
  },
  {
    method: "delete",
    path: `${CONNECTIONS}/:id`,
    access: "write",
    summary: "Delete a connection",
    responses: { 204: null },
    handler: (s) => deleteConnection(s.deps, SAP_CONNECTIONS),
  },
  {
    method: "post",
    path: `${CONNECTIONS}/:id/test`,
    access: "write",
    summary: "Test a connection (sign in to the tenant)",
    responses: { 200: probeOutcome },
    handler: (s) => testConnection(s.deps, SAP_CONNECTIONS),
  },
  {
    method: "post",
    path: "/connectionmgmt/services/sap-dc/connection-test",
    access: "write",
    summary: "Test connection parameters before creating the connection (persists nothing)",
    body: SAP_CONNECTION_PARAMETERS.body,
    responses: { 200: probeOutcome },
    handler: (s) => testConnectionParameters(s.deps, SAP_CONNECTION_PARAMETERS),
  },
];
