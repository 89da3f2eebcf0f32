import { type AwsKeyFilter, countAwsKeys, listAwsKeys as readKeys } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, sendList } from "../../http/list.ts";
import { queryBoolean, queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { awsKeyResource } from "./aws-key-resource.ts";

export const query = listQuery(
  {
    id: queryUuid.optional(),
    keyid: queryText().optional(),
    arn: queryText(2048).optional(),
    alias: queryText().optional(),
    kms: queryText().optional(),
    kms_id: queryUuid.optional(),
    region: queryText().optional(),
    cloud_name: queryText().optional(),
    origin: z.enum(["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"]).optional(),
    enabled: queryBoolean.optional(),
    gone: queryBoolean.optional(),
    keystate: queryText().optional(),
    keyusage: queryText().optional(),
    CustomerMasterKeySpec: queryText().optional(),
    multi_region: queryBoolean.optional(),
    key_material_origin: z.enum(["native", "cckm", "unknown"]).optional(),
    tags: queryText().optional(),
    job_config_id: queryText().optional(),
    cckm_policy_template_id: queryText().optional(),
    rotation_job_enabled: queryBoolean.optional(),
    key_source: z.enum(["LunaHSM", "DSM", "LOCAL"]).optional(),
  },
  ["createdAt", "updatedAt", "region", "keyState"] as const,
);

function filterOf(q: z.infer<typeof query>): AwsKeyFilter {
  return {
    id: q.id,
    keyId: q.keyid,
    arn: q.arn,
    alias: q.alias,
    kms: q.kms,
    kmsId: q.kms_id,
    region: q.region,
    cloudName: q.cloud_name,
    origin: q.origin,
    enabled: q.enabled,
    gone: q.gone,
    keyState: q.keystate,
    keyUsage: q.keyusage,
    keySpec: q.CustomerMasterKeySpec,
    multiRegion: q.multi_region,
    keyMaterialOrigin: q.key_material_origin,
    tagValue: q.tags,
    jobConfigId: q.job_config_id,
    policyTemplateId: q.cckm_policy_template_id,
    rotationJobEnabled: q.rotation_job_enabled,
    keySource: q.key_source,
  };
}

/**
 * `GET /cckm/aws/keys`: CipherTrust's documented filters (every one it lists; unknown parameters are
 * ignored as CipherTrust does); newest first by default.
 */
export function listAwsKeys(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const filter = filterOf(q);
    await sendList(
      req,
      res,
      q,
      () => countAwsKeys(deps.db, filter),
      async (skip, take) => (await readKeys(deps.db, filter, { skip, take, sort: q.sort })).map(awsKeyResource),
    );
  };
}
