/** Every OCI route of the simulator, by id: fault rules and request counts name them. */
export const ROUTE_IDS = [
  "vaults.list",
  "vaults.get",
  "keys.list",
  "keys.get",
  "keys.create",
  "keys.update",
  "keys.scheduleDeletion",
  "keys.cancelDeletion",
  "keys.enable",
  "keys.disable",
  "versions.list",
  "versions.get",
  "versions.create",
  "versions.import",
  "wrappingKey.get",
] as const;

export type RouteId = (typeof ROUTE_IDS)[number];
