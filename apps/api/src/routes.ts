import type { Right } from "@cckm/auth";
import type { RequestHandler } from "express";
import type { ZodType } from "zod";
import type { LoginThrottle } from "./auth/login-throttle.ts";
import type { AppDeps } from "./context.ts";
import * as listAuditRecordsSchemas from "./handlers/audit/list-audit-records.ts";
import { listAuditRecords } from "./handlers/audit/list-audit-records.ts";
import * as createTokenSchemas from "./handlers/auth/create-token.ts";
import { createToken } from "./handlers/auth/create-token.ts";
import { revokeToken } from "./handlers/auth/revoke-token.ts";
import * as createConnectionSchemas from "./handlers/connections/create-connection.ts";
import { createConnection } from "./handlers/connections/create-connection.ts";
import { deleteConnection } from "./handlers/connections/delete-connection.ts";
import { getConnection } from "./handlers/connections/get-connection.ts";
import * as listConnectionsSchemas from "./handlers/connections/list-connections.ts";
import { listConnections } from "./handlers/connections/list-connections.ts";
import { testConnection } from "./handlers/connections/test-connection.ts";
import * as testConnectionParametersSchemas from "./handlers/connections/test-connection-parameters.ts";
import { testConnectionParameters } from "./handlers/connections/test-connection-parameters.ts";
import * as updateConnectionSchemas from "./handlers/connections/update-connection.ts";
import { updateConnection } from "./handlers/connections/update-connection.ts";
import * as addGroupsSchemas from "./handlers/groups/add-groups.ts";
import { addGroups } from "./handlers/groups/add-groups.ts";
import { getGroup } from "./handlers/groups/get-group.ts";
import * as getSapGroupsSchemas from "./handlers/groups/get-sap-groups.ts";
import { getSapGroups } from "./handlers/groups/get-sap-groups.ts";
import * as listGroupsSchemas from "./handlers/groups/list-groups.ts";
import { listGroups } from "./handlers/groups/list-groups.ts";
import { getJob } from "./handlers/jobs/get-job.ts";
import * as listJobsSchemas from "./handlers/jobs/list-jobs.ts";
import { listJobs } from "./handlers/jobs/list-jobs.ts";
import * as submitJobSchemas from "./handlers/jobs/submit-job.ts";
import { submitJob } from "./handlers/jobs/submit-job.ts";
import * as createKeySchemas from "./handlers/keys/create-key.ts";
import { createKey } from "./handlers/keys/create-key.ts";
import { deleteBackup } from "./handlers/keys/delete-backup.ts";
import { deleteKeyOnSap } from "./handlers/keys/delete-key-on-sap.ts";
import { destroyKey } from "./handlers/keys/destroy-key.ts";
import { getKey } from "./handlers/keys/get-key.ts";
import * as listKeysSchemas from "./handlers/keys/list-keys.ts";
import { listKeys } from "./handlers/keys/list-keys.ts";
import { cancelSyncJob } from "./handlers/sync/cancel-sync-job.ts";
import * as createSyncJobSchemas from "./handlers/sync/create-sync-job.ts";
import { createSyncJob } from "./handlers/sync/create-sync-job.ts";
import { getSyncJob } from "./handlers/sync/get-sync-job.ts";
import * as listSyncJobsSchemas from "./handlers/sync/list-sync-jobs.ts";
import { listSyncJobs } from "./handlers/sync/list-sync-jobs.ts";
import * as createUserSchemas from "./handlers/users/create-user.ts";
import { createUser } from "./handlers/users/create-user.ts";
import { deleteUser } from "./handlers/users/delete-user.ts";
import { getUser } from "./handlers/users/get-user.ts";
import * as listUsersSchemas from "./handlers/users/list-users.ts";
import { listUsers } from "./handlers/users/list-users.ts";
import * as addVersionSchemas from "./handlers/versions/add-version.ts";
import { addVersion } from "./handlers/versions/add-version.ts";
import { getVersion } from "./handlers/versions/get-version.ts";
import * as listVersionsSchemas from "./handlers/versions/list-versions.ts";
import { listVersions } from "./handlers/versions/list-versions.ts";

const CONNECTIONS = "/connectionmgmt/services/sap-dc/connections";
const SYNC_JOBS = "/cckm/sap/synchronization-jobs";

export interface RouteServices {
  deps: AppDeps;
  throttle: LoginThrottle;
}

/**
 * Every route of /api/v1 with the right it needs: `public` (no token), `authenticated` (any
 * signed-in user, whatever their groups), `read`, `write` or `admin`. The authorization test matrix iterates over this table, so a new
 * route is covered the day it is added. Static paths come before parameterised ones.
 */
export interface RouteDef {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  access: "public" | "authenticated" | Right;
  /** One line for the OpenAPI document. */
  summary: string;
  /** The schemas the handler validates with; the OpenAPI document is generated from them. */
  body?: ZodType;
  query?: ZodType;
  handler: (s: RouteServices) => RequestHandler;
}

export const apiRoutes: RouteDef[] = [
  {
    method: "post",
    path: "/auth/tokens",
    access: "public",
    summary: "Sign in (password or refresh token grant)",
    body: createTokenSchemas.body,
    handler: (s) => createToken(s.deps, s.throttle),
  },
  {
    method: "delete",
    path: "/auth/tokens/:id",
    access: "authenticated",
    summary: "End a session (revoke a refresh token)",
    handler: (s) => revokeToken(s.deps),
  },
  {
    method: "post",
    path: "/usermgmt/users",
    access: "admin",
    summary: "Create a user",
    body: createUserSchemas.body,
    handler: (s) => createUser(s.deps),
  },
  {
    method: "get",
    path: "/usermgmt/users",
    access: "admin",
    summary: "List users",
    query: listUsersSchemas.query,
    handler: (s) => listUsers(s.deps),
  },
  {
    method: "get",
    path: "/usermgmt/users/:id",
    access: "admin",
    summary: "Get a user",
    handler: (s) => getUser(s.deps),
  },
  {
    method: "delete",
    path: "/usermgmt/users/:id",
    access: "admin",
    summary: "Delete a user",
    handler: (s) => deleteUser(s.deps),
  },
  {
    method: "get",
    path: "/audit/records",
    access: "admin",
    summary: "List audit records",
    query: listAuditRecordsSchemas.query,
    handler: (s) => listAuditRecords(s.deps),
  },
  {
    method: "post",
    path: CONNECTIONS,
    access: "write",
    summary: "Create a SAP Data Custodian connection",
    body: createConnectionSchemas.body,
    handler: (s) => createConnection(s.deps),
  },
  {
    method: "get",
    path: CONNECTIONS,
    access: "read",
    summary: "List connections",
    query: listConnectionsSchemas.query,
    handler: (s) => listConnections(s.deps),
  },
  {
    method: "get",
    path: `${CONNECTIONS}/:id`,
    access: "read",
    summary: "Get a connection",
    handler: (s) => getConnection(s.deps),
  },
  {
    method: "patch",
    path: `${CONNECTIONS}/:id`,
    access: "write",
    summary: "Update a connection",
    body: updateConnectionSchemas.body,
    handler: (s) => updateConnection(s.deps),
  },
  {
    method: "delete",
    path: `${CONNECTIONS}/:id`,
    access: "write",
    summary: "Delete a connection",
    handler: (s) => deleteConnection(s.deps),
  },
  {
    method: "post",
    path: `${CONNECTIONS}/:id/test`,
    access: "write",
    summary: "Test a connection (sign in to the tenant)",
    handler: (s) => testConnection(s.deps),
  },
  {
    method: "post",
    path: "/connectionmgmt/services/sap-dc/connection-test",
    access: "write",
    summary: "Test connection parameters before creating the connection (persists nothing)",
    body: testConnectionParametersSchemas.body,
    handler: (s) => testConnectionParameters(s.deps),
  },
  {
    method: "post",
    path: SYNC_JOBS,
    access: "write",
    summary: "Start a synchronization of groups and keys",
    body: createSyncJobSchemas.body,
    handler: (s) => createSyncJob(s.deps),
  },
  {
    method: "get",
    path: SYNC_JOBS,
    access: "read",
    summary: "List synchronization jobs",
    query: listSyncJobsSchemas.query,
    handler: (s) => listSyncJobs(s.deps),
  },
  {
    method: "get",
    path: `${SYNC_JOBS}/:id`,
    access: "read",
    summary: "Get a synchronization job",
    handler: (s) => getSyncJob(s.deps),
  },
  {
    method: "post",
    path: `${SYNC_JOBS}/:id/cancel`,
    access: "write",
    summary: "Cancel a synchronization (abort: true; it stops before its next group and ends completed)",
    handler: (s) => cancelSyncJob(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/get-groups",
    access: "read",
    summary: "List the groups of a connection's SAP tenant (SAP's own list; adds nothing)",
    body: getSapGroupsSchemas.body,
    handler: (s) => getSapGroups(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/add-groups",
    access: "write",
    summary: "Add SAP groups (by SAP id) to the inventory, without their keys",
    body: addGroupsSchemas.body,
    handler: (s) => addGroups(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/groups",
    access: "read",
    summary: "List SAP groups",
    query: listGroupsSchemas.query,
    handler: (s) => listGroups(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/groups/:id",
    access: "read",
    summary: "Get a SAP group",
    handler: (s) => getGroup(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys/jobs",
    access: "write",
    summary: "Submit a delete or restore job for a key",
    body: submitJobSchemas.body,
    handler: (s) => submitJob(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/jobs",
    access: "read",
    summary: "List jobs (the polling route; ETag/304)",
    query: listJobsSchemas.query,
    handler: (s) => listJobs(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/jobs/:id",
    access: "read",
    summary: "Get a job (ETag/304)",
    handler: (s) => getJob(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys",
    access: "write",
    summary: "Create a native key in a SAP group",
    body: createKeySchemas.body,
    handler: (s) => createKey(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys",
    access: "read",
    summary: "List SAP keys",
    query: listKeysSchemas.query,
    handler: (s) => listKeys(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/:id",
    access: "read",
    summary: "Get a SAP key",
    handler: (s) => getKey(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys/:id/delete-backup",
    access: "write",
    summary: "Drop the backup of a deleted key",
    handler: (s) => deleteBackup(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys/:id/delete",
    access: "write",
    summary: "Delete a key from SAP and keep its backup (a delete job, waited for; 202 with the job on timeout)",
    handler: (s) => deleteKeyOnSap(s.deps),
  },
  {
    method: "delete",
    path: "/cckm/sap/keys/:id",
    access: "write",
    summary: "Destroy a key for good: on SAP, its versions, its backup and its inventory record (204)",
    handler: (s) => destroyKey(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/:id/versions",
    access: "read",
    summary: "List a key's versions (from SAP)",
    query: listVersionsSchemas.query,
    handler: (s) => listVersions(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys/:id/versions",
    access: "write",
    summary: "Add a native version to a key on SAP (it becomes the primary one)",
    body: addVersionSchemas.body,
    handler: (s) => addVersion(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/:id/versions/:versionID",
    access: "read",
    summary: "Get a key version (by its id or its number)",
    handler: (s) => getVersion(s.deps),
  },
];
