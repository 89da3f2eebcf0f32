import type { AdminRoute } from "../../http/admin-route.ts";

/** `POST /admin/tokens/expire` → `{expired: n}`: every tenant access token stops working now. */
export const tokensExpire: AdminRoute = {
  method: "post",
  path: "/tokens/expire",
  handle: (_req, ctx) => ({ status: 200, body: { expired: ctx.tokens.expireAll() } }),
};
