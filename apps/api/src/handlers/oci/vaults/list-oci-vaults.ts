import { listOciVaults as readVaults } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { envelope, listQuery } from "../../../http/list.ts";
import { queryText, queryUuid } from "../../../http/query-types.ts";
import { parse } from "../../../http/validate.ts";
import { pageOf } from "../oci-kinds.ts";
import { ociVaultResource } from "./oci-vault-resource.ts";

export const query = listQuery(
  {
    id: queryUuid.optional(),
    display_name: queryText().optional(),
    vault_id: queryText().optional(),
    connection: queryText().optional(),
    region: queryText().optional(),
  },
  ["createdAt"] as const,
);

/** `GET /cckm/oci/vaults`. */
export function listOciVaults(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const filter = {
      id: q.id,
      displayName: q.display_name,
      vaultOcid: q.vault_id,
      connection: q.connection,
      region: q.region,
    };
    const { total, rows } = await readVaults(deps.db, filter, pageOf(q));
    res.json(envelope(q.skip, q.limit, total, rows.map(ociVaultResource)));
  };
}
