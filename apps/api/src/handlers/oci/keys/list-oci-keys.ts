import { listOciKeys as readKeys } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { envelope, listQuery } from "../../../http/list.ts";
import { queryBoolean, queryInt, queryText, queryUuid } from "../../../http/query-types.ts";
import { parse } from "../../../http/validate.ts";
import { pageOf } from "../oci-kinds.ts";
import { ociKeyResource } from "./oci-key-resource.ts";

export const query = listQuery(
  {
    id: queryUuid.optional(),
    key_name: queryText().optional(),
    display_name: queryText().optional(),
    algorithm: z.enum(["AES", "RSA", "ECDSA"]).optional(),
    length: queryInt(1, 1024).optional(),
    key_id: queryText().optional(),
    vault_name: queryText().optional(),
    vault_id: queryUuid.optional(),
    cckm_vault_id: queryUuid.optional(),
    protection_mode: z.enum(["SOFTWARE", "HSM", "EXTERNAL"]).optional(),
    lifecycle_state: queryText(64).optional(),
    tenancy: queryText().optional(),
    curve_id: z.enum(["NIST_P256", "NIST_P384", "NIST_P521"]).optional(),
    gone: queryBoolean.optional(),
    region: queryText(64).optional(),
    key_material_origin: z.enum(["native", "cckm", "unknown"]).optional(),
  },
  ["createdAt"] as const,
);

/** `GET /cckm/oci/keys` with the documented filters (contract §1.2; `display_name` is 2.13's `key_name`). */
export function listOciKeys(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const filter = {
      id: q.id,
      keyName: q.key_name ?? q.display_name,
      algorithm: q.algorithm,
      length: q.length,
      keyId: q.key_id,
      vaultName: q.vault_name,
      vaultId: q.vault_id ?? q.cckm_vault_id,
      protectionMode: q.protection_mode,
      lifecycleState: q.lifecycle_state,
      tenancy: q.tenancy,
      curveId: q.curve_id,
      gone: q.gone,
      region: q.region,
      keyMaterialOrigin: q.key_material_origin,
    };
    const { total, rows } = await readKeys(deps.db, filter, pageOf(q));
    res.json(envelope(q.skip, q.limit, total, rows.map(ociKeyResource)));
  };
}
