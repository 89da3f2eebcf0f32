import type { Request } from "express";
import { KmsError } from "../http/errors.ts";
import { pathId, pathVersion } from "../http/validate.ts";
import type { KeyRecord, KeyVersionRecord } from "../store/records.ts";
import type { TenantStore } from "../store/tenant-store.ts";

/** The key named by `:id`, or a 404 NOT_FOUND. */
export function keyFromPath(req: Request, store: TenantStore): KeyRecord {
  const id = pathId((req.params as Record<string, string | undefined>).id, "key id");
  const key = store.key(id);
  if (key === undefined) throw new KmsError("NOT_FOUND", `key ${id} not found`);
  return key;
}

/** The key and version named by `:id` and `:version`, or a 404 NOT_FOUND. */
export function versionFromPath(req: Request, store: TenantStore): { key: KeyRecord; version: KeyVersionRecord } {
  const key = keyFromPath(req, store);
  const number = pathVersion((req.params as Record<string, string | undefined>).version);
  const version = key.versions[number];
  if (version === undefined) throw new KmsError("NOT_FOUND", `key ${key.id} has no version ${number}`);
  return { key, version };
}
