import { aliasEntry, keyMetadata } from "../operations/key-metadata.ts";
import type { AdminRoute } from "./admin-route.ts";

const single = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

/**
 * `GET /admin/keys?account=&region=` → `{keys: [{Region, KeyMetadata, Aliases, Tags, KeyRotationEnabled}]}`:
 * every account's keys (or one account's, one region's), read without signing and without faults.
 */
export const keysList: AdminRoute = {
  method: "get",
  path: "/keys",
  handle: (req, ctx) => {
    const account = single(req.query.account);
    const region = single(req.query.region);
    ctx.store.purgeDeleted(ctx.now());
    const keys = ctx.store
      .allKeys()
      .filter((k) => (account === undefined || k.account === account) && (region === undefined || k.region === region))
      .map((k) => ({
        Region: k.region,
        KeyMetadata: keyMetadata(k),
        Aliases: ctx.store
          .listAliases(k.account, k.region)
          .filter((a) => a.targetKeyId === k.keyId)
          .map(aliasEntry),
        Tags: k.tags,
        KeyRotationEnabled: k.rotation.enabled,
      }));
    return { status: 200, body: { keys } };
  },
};

/** `GET /admin/access-keys` → `{accessKeys: [{accessKeyId, accountId}]}` (never a secret). */
export const accessKeysList: AdminRoute = {
  method: "get",
  path: "/access-keys",
  handle: (_req, ctx) => ({ status: 200, body: { accessKeys: ctx.accessKeys.toJSON() } }),
};

/** `GET /admin/requests?operation=DescribeKey&keyId=...` → `{requests: [{operation, keyId, total, byStatus}]}`. */
export const requestsList: AdminRoute = {
  method: "get",
  path: "/requests",
  handle: (req, ctx) => {
    const filter = { operation: single(req.query.operation), keyId: single(req.query.keyId) };
    return { status: 200, body: { requests: ctx.counter.list(filter) } };
  },
};

/** `DELETE /admin/requests` sets every count back to zero. */
export const requestsReset: AdminRoute = {
  method: "delete",
  path: "/requests",
  handle: (_req, ctx) => {
    ctx.counter.reset();
    return { status: 204 };
  },
};
