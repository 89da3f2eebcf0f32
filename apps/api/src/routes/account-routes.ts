import * as listAuditRecordsSchemas from "../handlers/audit/list-audit-records.ts";
import { listAuditRecords } from "../handlers/audit/list-audit-records.ts";
import * as createTokenSchemas from "../handlers/auth/create-token.ts";
import { createToken } from "../handlers/auth/create-token.ts";
import { revokeToken } from "../handlers/auth/revoke-token.ts";
import * as createUserSchemas from "../handlers/users/create-user.ts";
import { createUser } from "../handlers/users/create-user.ts";
import { deleteUser } from "../handlers/users/delete-user.ts";
import { getUser } from "../handlers/users/get-user.ts";
import * as listUsersSchemas from "../handlers/users/list-users.ts";
import { listUsers } from "../handlers/users/list-users.ts";
import type { RouteDef } from "../routes.ts";

/** Sign-in, users and the audit trail. Static paths come before parameterised ones. */
export const accountRoutes: RouteDef[] = [
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
];
