import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ALL, envelope, listQuery } from "../../http/list.ts";
import { isSapCloudName, queryBoolean, queryInt, queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { findKeyOr404 } from "../keys/find-key.ts";
import { sapClientOfKey } from "./key-client.ts";
import { type VersionResource, versionResource } from "./version-resource.ts";

export const query = listQuery(
  {
    version_id: queryUuid.optional(),
    version: queryInt(0, 1_000_000_000).optional(),
    tenant: queryText().optional(),
    enabled: queryBoolean.optional(),
    origin: queryText().optional(),
    cloud_name: queryText().optional(),
    creator_name: queryText().optional(),
    creator_id: queryText().optional(),
  },
  ["version", "createdAt"] as const,
);

type VersionQuery = ReturnType<typeof query.parse>;

function matches(v: VersionResource, q: VersionQuery): boolean {
  const meta = v.meta as Record<string, unknown>;
  if (q.version_id !== undefined && v.id !== q.version_id.toLowerCase()) return false;
  if (q.version !== undefined && v.version !== q.version) return false;
  if (q.tenant !== undefined && v.tenant !== q.tenant) return false;
  if (q.enabled !== undefined && v.enabled !== q.enabled) return false;
  if (q.origin !== undefined && v.origin !== q.origin.toLowerCase()) return false;
  if (q.cloud_name !== undefined && !isSapCloudName(q.cloud_name)) return false;
  if (q.creator_id !== undefined && meta.creatorId !== q.creator_id) return false;
  if (q.creator_name !== undefined && meta.creatorName !== q.creator_name) return false;
  return true;
}

/**
 * `GET /cckm/sap/keys/{id}/versions`: the key's versions as SAP lists them now (version 0 first),
 * filtered and paged here. A key gone from SAP has none there: an empty list.
 */
export function listVersions(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const key = await findKeyOr404(deps, { id: req.params.id });
    const q = parse(query, req.query, "query");
    let versions: VersionResource[] = [];
    if (!key.gone) {
      const client = await sapClientOfKey(deps, key.id);
      const listed = await client.listVersions(key.sapKeyId);
      versions = listed.map((v) => versionResource(key, v)).filter((v) => matches(v, q));
    }
    for (const item of [...(q.sort ?? [])].reverse()) {
      const sign = item.direction === "desc" ? -1 : 1;
      versions.sort((a, b) => sign * (a[item.field] < b[item.field] ? -1 : a[item.field] > b[item.field] ? 1 : 0));
    }
    const page = q.limit === ALL ? versions.slice(q.skip) : versions.slice(q.skip, q.skip + q.limit);
    res.json(envelope(q.skip, q.limit, versions.length, page));
  };
}
