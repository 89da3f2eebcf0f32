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
    vault_id: queryText().optional(),
    cckm_vault_id: queryUuid.optional(),
    protection_mode: z.enum(["SOFTWARE", "HSM", "EXTERNAL"]).optional(),
    lifecycle_state: queryText(64).optional(),
    tenancy: queryText().optional(),
    curve_id: z.enum(["NIST_P256", "NIST_P384", "NIST_P521"]).optional(),
    gone: queryBoolean.optional(),
    region: queryText(64).optional(),
    key_material_origin: z.enum(["native", "cckm", "unknown"]).optional(),
    job_config_id: queryText().optional(),
    compartment_name: queryText().optional(),
    local_hyok_key_id: queryText().optional(),
    local_hyok_key_version_id: queryText().optional(),
    local_key_store_id: queryText().optional(),
    linked_state: queryBoolean.optional(),
    blocked: queryBoolean.optional(),
  },
  ["createdAt", "updatedAt"] as const,
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /cckm/oci/keys` with every filter CipherTrust 2.14 documents (`display_name` is 2.13's
 * `key_name`); unknown parameters are ignored, as CipherTrust does.
 */
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
      // `vault_id` is "ID of the OCI vault" (its OCID); the CM id the key resource shows is taken too.
      vaultId: q.cckm_vault_id ?? (q.vault_id && UUID.test(q.vault_id) ? q.vault_id : undefined),
      vaultOcid: q.vault_id && !UUID.test(q.vault_id) ? q.vault_id : undefined,
      protectionMode: q.protection_mode,
      lifecycleState: q.lifecycle_state,
      tenancy: q.tenancy,
      curveId: q.curve_id,
      gone: q.gone,
      region: q.region,
      keyMaterialOrigin: q.key_material_origin,
      jobConfigId: q.job_config_id,
      hyokRef: q.local_hyok_key_id ?? q.local_hyok_key_version_id ?? q.local_key_store_id,
      blocked: q.blocked,
      // compartment_name and linked_state are accepted and not applied: no compartment names are
      // held (only OCIDs), and linked_state speaks of HYOK links, which no key here has.
    };
    const { total, rows } = await readKeys(deps.db, filter, { ...pageOf(q), sort: q.sort });
    res.json(envelope(q.skip, q.limit, total, rows.map(ociKeyResource)));
  };
}
