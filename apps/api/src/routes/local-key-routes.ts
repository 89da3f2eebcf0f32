import * as createKey from "../handlers/local-keys/create-local-key.ts";
import { getLocalKey } from "../handlers/local-keys/get-local-key.ts";
import * as listKeys from "../handlers/local-keys/list-local-keys.ts";
import { localKeyResourceSchema } from "../handlers/local-keys/local-key-resource.ts";
import { listOf } from "../http/list.ts";
import type { RouteDef } from "./route-def.ts";

/** The local key source (`/vault/keys2`): enough of CipherTrust's own keys for BYOK uploads (issue 16). */
export const localKeyRoutes: RouteDef[] = [
  {
    method: "post",
    path: "/vault/keys2",
    access: "write",
    summary: "Create a local key (AES-256 or RSA 2048-4096; its material is never returned)",
    body: createKey.body,
    responses: { 201: localKeyResourceSchema },
    handler: (s) => createKey.createLocalKey(s.deps),
  },
  {
    method: "get",
    path: "/vault/keys2",
    access: "read",
    summary: "List local keys",
    query: listKeys.query,
    responses: { 200: listOf(localKeyResourceSchema) },
    handler: (s) => listKeys.listLocalKeys(s.deps),
  },
  {
    method: "get",
    path: "/vault/keys2/:id",
    access: "read",
    summary: "Get a local key (by id or name)",
    responses: { 200: localKeyResourceSchema },
    handler: (s) => getLocalKey(s.deps),
  },
];
