import type { AdminRoute } from "../../http/admin-route.ts";
import { KmsError } from "../../http/errors.ts";

const single = (value: unknown) => (typeof value === "string" ? value : undefined);

/** `GET /admin/requests?route=keys.delete&keyId=...` → `{requests: [{route, keyId, total, byStatus}]}`. */
export const requestsList: AdminRoute = {
  method: "get",
  path: "/requests",
  handle: (req, ctx) => {
    const filter = { route: single(req.query.route), keyId: single(req.query.keyId) };
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

/**
 * `GET /admin/requests/arrivals?since=<epoch ms>` → `{arrivals: [epoch ms, …]}`: when each tenant
 * request of the latest ones (ARRIVALS_KEPT) arrived, oldest first, to count requests per time window.
 */
export const requestsArrivals: AdminRoute = {
  method: "get",
  path: "/requests/arrivals",
  handle: (req, ctx) => {
    const since = Number(single(req.query.since) ?? 0);
    if (!Number.isFinite(since) || since < 0) throw new KmsError("BAD_REQUEST", "since must be epoch milliseconds");
    return { status: 200, body: { arrivals: ctx.counter.arrivalsSince(since) } };
  },
};
