/** Names of the tenant routes, as fault rules and request counters refer to them. */
export const ROUTE_IDS = [
  "auth.request",
  "groups.list",
  "keys.create",
  "keys.list",
  "keys.get",
  "keys.delete",
  "versions.create",
  "versions.list",
  "versions.publicKey",
  "versions.export",
  "crypto.unwrap",
] as const;

export type RouteId = (typeof ROUTE_IDS)[number];
