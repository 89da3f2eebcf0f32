import type { Right } from "@cckm/auth";
import type { RequestHandler } from "express";
import type { LoginThrottle } from "./auth/login-throttle.ts";
import type { AppDeps } from "./context.ts";
import { listAuditRecords } from "./handlers/audit/list-audit-records.ts";
import { createToken } from "./handlers/auth/create-token.ts";
import { revokeToken } from "./handlers/auth/revoke-token.ts";
import { createConnection } from "./handlers/connections/create-connection.ts";
import { deleteConnection } from "./handlers/connections/delete-connection.ts";
import { getConnection } from "./handlers/connections/get-connection.ts";
import { listConnections } from "./handlers/connections/list-connections.ts";
import { testConnection } from "./handlers/connections/test-connection.ts";
import { updateConnection } from "./handlers/connections/update-connection.ts";
import { getGroup } from "./handlers/groups/get-group.ts";
import { listGroups } from "./handlers/groups/list-groups.ts";
import { getJob } from "./handlers/jobs/get-job.ts";
import { listJobs } from "./handlers/jobs/list-jobs.ts";
import { submitJob } from "./handlers/jobs/submit-job.ts";
import { createKey } from "./handlers/keys/create-key.ts";
import { deleteBackup } from "./handlers/keys/delete-backup.ts";
import { getKey } from "./handlers/keys/get-key.ts";
import { listKeys } from "./handlers/keys/list-keys.ts";
import { createSyncJob } from "./handlers/sync/create-sync-job.ts";
import { getSyncJob } from "./handlers/sync/get-sync-job.ts";
import { listSyncJobs } from "./handlers/sync/list-sync-jobs.ts";
import { createUser } from "./handlers/users/create-user.ts";
import { deleteUser } from "./handlers/users/delete-user.ts";
import { getUser } from "./handlers/users/get-user.ts";
import { listUsers } from "./handlers/users/list-users.ts";

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
  handler: (s: RouteServices) => RequestHandler;
}

export const apiRoutes: RouteDef[] = [
  { method: "post", path: "/auth/tokens", access: "public", handler: (s) => createToken(s.deps, s.throttle) },
  { method: "delete", path: "/auth/tokens/:id", access: "authenticated", handler: (s) => revokeToken(s.deps) },
  { method: "post", path: "/usermgmt/users", access: "admin", handler: (s) => createUser(s.deps) },
  { method: "get", path: "/usermgmt/users", access: "admin", handler: (s) => listUsers(s.deps) },
  { method: "get", path: "/usermgmt/users/:id", access: "admin", handler: (s) => getUser(s.deps) },
  { method: "delete", path: "/usermgmt/users/:id", access: "admin", handler: (s) => deleteUser(s.deps) },
  { method: "get", path: "/audit/records", access: "admin", handler: (s) => listAuditRecords(s.deps) },
  { method: "post", path: CONNECTIONS, access: "write", handler: (s) => createConnection(s.deps) },
  { method: "get", path: CONNECTIONS, access: "read", handler: (s) => listConnections(s.deps) },
  { method: "get", path: `${CONNECTIONS}/:id`, access: "read", handler: (s) => getConnection(s.deps) },
  { method: "patch", path: `${CONNECTIONS}/:id`, access: "write", handler: (s) => updateConnection(s.deps) },
  { method: "delete", path: `${CONNECTIONS}/:id`, access: "write", handler: (s) => deleteConnection(s.deps) },
  { method: "post", path: `${CONNECTIONS}/:id/test`, access: "write", handler: (s) => testConnection(s.deps) },
  { method: "post", path: SYNC_JOBS, access: "write", handler: (s) => createSyncJob(s.deps) },
  { method: "get", path: SYNC_JOBS, access: "read", handler: (s) => listSyncJobs(s.deps) },
  { method: "get", path: `${SYNC_JOBS}/:id`, access: "read", handler: (s) => getSyncJob(s.deps) },
  { method: "get", path: "/cckm/sap/groups", access: "read", handler: (s) => listGroups(s.deps) },
  { method: "get", path: "/cckm/sap/groups/:id", access: "read", handler: (s) => getGroup(s.deps) },
  { method: "post", path: "/cckm/sap/keys/jobs", access: "write", handler: (s) => submitJob(s.deps) },
  { method: "get", path: "/cckm/sap/keys/jobs", access: "read", handler: (s) => listJobs(s.deps) },
  { method: "get", path: "/cckm/sap/keys/jobs/:id", access: "read", handler: (s) => getJob(s.deps) },
  { method: "post", path: "/cckm/sap/keys", access: "write", handler: (s) => createKey(s.deps) },
  { method: "get", path: "/cckm/sap/keys", access: "read", handler: (s) => listKeys(s.deps) },
  { method: "get", path: "/cckm/sap/keys/:id", access: "read", handler: (s) => getKey(s.deps) },
  { method: "post", path: "/cckm/sap/keys/:id/delete-backup", access: "write", handler: (s) => deleteBackup(s.deps) },
];
