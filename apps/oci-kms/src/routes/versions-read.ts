import { z } from "zod";
import type { OciRoute } from "../http/oci-route.ts";
import { listQuery, paginate } from "../http/pagination.ts";
import { ok } from "../http/reply.ts";
import { parseQuery } from "../http/validate.ts";
import { keyVersionSummaryView, keyVersionView } from "../views.ts";
import { keyFromPath, versionFromPath } from "./lookup.ts";

const listSchema = z.object(listQuery);

/** `GET /20180608/keys/{keyId}/keyVersions` → the key's versions (KeyVersionSummary), paged. */
export const versionsList: OciRoute = {
  id: "versions.list",
  method: "get",
  path: "/keys/:keyId/keyVersions",
  endpoint: "management",
  handle: (request) => {
    const query = parseQuery(listSchema, request.req.query);
    const page = paginate(keyFromPath(request).versions, query);
    return ok(page.items.map(keyVersionSummaryView), page.headers);
  },
};

/** `GET /20180608/keys/{keyId}/keyVersions/{keyVersionId}` → the version. */
export const versionsGet: OciRoute = {
  id: "versions.get",
  method: "get",
  path: "/keys/:keyId/keyVersions/:keyVersionId",
  endpoint: "management",
  handle: (request) => ok(keyVersionView(versionFromPath(request).version)),
};
