import { createAwsKey as create, findAwsKms } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idOrName } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { awsRegion } from "./aws-connection-input.ts";
import { awsKeyResource } from "./aws-key-resource.ts";

const KEY_SPECS = [
  "SYMMETRIC_DEFAULT",
  "RSA_2048",
  "RSA_3072",
  "RSA_4096",
  "ECC_NIST_P256",
  "ECC_NIST_P384",
  "ECC_NIST_P521",
] as const;

export const body = z.object({
  kms: z.string().min(1).max(256),
  region: awsRegion,
  aws_param: z
    .object({
      Alias: z
        .string()
        .max(256)
        .regex(/^(alias\/)?[A-Za-z0-9/_-]+$/, "letters, digits, '/', '_', '-'")
        .refine((a) => !a.replace(/^alias\//, "").startsWith("aws/"), "alias/aws/ is reserved")
        .optional(),
      Description: z.string().max(8192).optional(),
      KeyUsage: z.enum(["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"]).optional(),
      CustomerMasterKeySpec: z.enum(KEY_SPECS).optional(),
      KeySpec: z.enum(KEY_SPECS).optional(),
      Origin: z.enum(["AWS_KMS", "EXTERNAL"]).optional(),
      Tags: z
        .array(z.object({ TagKey: z.string().min(1).max(128), TagValue: z.string().max(256) }))
        .max(50)
        .optional(),
      Policy: z.record(z.string(), z.unknown()).optional(),
    })
    .default({}),
});

/**
 * `POST /cckm/aws/keys`: creates a key in AWS in a KMS resource's region, then answers it as AWS
 * describes it (201). A region the KMS does not list is a 400.
 */
export function createAwsKey(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const kms = await findAwsKms(deps.db, idOrName(input.kms));
    if (!kms) throw new ApiError(400, `body.kms: KMS ${input.kms} not found`);
    if (!kms.regions.includes(input.region)) {
      throw new ApiError(400, `body.region: KMS ${kms.name} has no region ${input.region} (${kms.regions.join(", ")})`);
    }
    res.locals.audit = {
      action: "aws_key.create",
      resourceType: "aws_key",
      detail: { kms: kms.name, region: input.region },
    };
    const p = input.aws_param;
    const stored = await create(
      deps.db,
      deps.awsClients,
      { id: kms.id, region: input.region },
      {
        keySpec: p.KeySpec ?? p.CustomerMasterKeySpec,
        keyUsage: p.KeyUsage,
        description: p.Description,
        origin: p.Origin,
        tags: Object.fromEntries((p.Tags ?? []).map((t) => [t.TagKey, t.TagValue])),
        ...(p.Policy ? { policy: JSON.stringify(p.Policy) } : {}),
        alias: p.Alias,
      },
    );
    if (!stored) throw new ApiError(409, `KMS ${kms.name} has no connection`);
    res.locals.audit.resourceId = stored.id;
    res.status(201).json(awsKeyResource(stored));
  };
}
