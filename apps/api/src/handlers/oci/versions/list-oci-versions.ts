import { listOciVersions as readVersions } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { envelope, listQuery } from "../../../http/list.ts";
import { queryBoolean, queryText } from "../../../http/query-types.ts";
import { parse } from "../../../http/validate.ts";
import { findOciKeyOr404 } from "../keys/find-oci-key.ts";
import { pageOf } from "../oci-kinds.ts";
import { ociVersionResource } from "./oci-version-resource.ts";

export const query = listQuery(
  {
    origin: z.enum(["INTERNAL", "EXTERNAL"]).optional(),
    version_id: queryText().optional(),
    is_primary: queryBoolean.optional(),
  },
  ["createdAt", "updatedAt", "timeCreated"] as const,
);

/** `GET /cckm/oci/keys/{id}/versions`: the versions the inventory holds (a refresh or sync re-reads them). */
export function listOciVersions(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const key = await findOciKeyOr404(deps, req.params);
    const q = parse(query, req.query, "query");
    const filter = { origin: q.origin, versionId: q.version_id, isPrimary: q.is_primary };
    const { total, rows } = await readVersions(deps.db, key.id, filter, { ...pageOf(q), sort: q.sort });
    res.json(
      envelope(
        q.skip,
        q.limit,
        total,
        rows.map((r) => ociVersionResource(r)),
      ),
    );
  };
}
