import type { AdminRoute } from "../../http/admin-route.ts";

const single = (value: unknown) => (typeof value === "string" ? value : undefined);

/** `GET /admin/requests?route=keys.enable&resourceId=...` → `{requests: [{route, resourceId, total, byStatus}]}`. */
export const requestsList: AdminRoute = {
  method: "get",
  path: "/requests",
  handle: (req, ctx) => {
    const filter = { route: single(req.query.route), resourceId: single(req.query.resourceId) };
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
