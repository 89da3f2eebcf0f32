import { auditRecordResourceSchema } from "../handlers/audit/audit-record-resource.ts";
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
import { userResourceSchema } from "../handlers/users/user-resource.ts";
import { listOf } from "../http/list.ts";
import type { RouteDef } from "./route-def.ts";

/** Sign-in, users and the audit trail. Static paths come before parameterised ones. */
export const accountRoutes: RouteDef[] = [
  {
    method: "post",
    path: "/auth/tokens",
    access: "public",
    summary: "Sign in (password or refresh token grant)",
    body: createTokenSchemas.body,
    responses: { 200: createTokenSchemas.tokenResponse },
    handler: (s) => createToken(s.deps, s.throttle),
  },
  {
    method: "delete",
    path: "/auth/tokens/:id",
    access: "authenticated",
    summary: "End a session (revoke a refresh token)",
    responses: { 204: null },
    handler: (s) => revokeToken(s.deps),
  },
  {
    method: "post",
    path: "/usermgmt/users",
    access: "admin",
    summary: "Create a user",
    body: createUserSchemas.body,
    responses: { 201: userResourceSchema },
    handler: (s) => createUser(s.deps),
  },
  {
    method: "get",
    path: "/usermgmt/users",
    access: "admin",
    summary: "List users",
    query: listUsersSchemas.query,
    responses: { 200: listOf(userResourceSchema) },
    handler: (s) => listUsers(s.deps),
  },
  {
    method: "get",
    path: "/usermgmt/users/:id",
    access: "admin",
    summary: "Get a user",
    responses: { 200: userResourceSchema },
    handler: (s) => getUser(s.deps),
  },
  {
    method: "delete",
    path: "/usermgmt/users/:id",
    access: "admin",
    summary: "Delete a user",
    responses: { 204: null },
    handler: (s) => deleteUser(s.deps),
  },
  {
    method: "get",
    path: "/audit/records",
    access: "admin",
    summary: "List audit records",
    query: listAuditRecordsSchemas.query,
    responses: { 200: listOf(auditRecordResourceSchema) },
    handler: (s) => listAuditRecords(s.deps),
  },
];
