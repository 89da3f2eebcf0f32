import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { refusalMessage } from "../connections/endpoint-check.ts";

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export const awsRegion = z.string().regex(REGION, "must be an AWS region name, e.g. us-east-1");
export const awsName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "letters, digits, '_', '.', '-'");
const accessKeyId = z.string().regex(/^[A-Z0-9]{16,128}$/, "must be an AWS access key id");
const secretAccessKey = z.string().min(1).max(256);
const endpoint = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
  .max(2048)
  .refine((u) => {
    const url = new URL(u);
    return url.username === "" && url.password === "";
  }, "must not carry credentials");

/** The fields of a connection's create and patch; unknown fields are ignored. */
export const awsConnectionFields = {
  description: z.string().max(1024).nullish(),
  products: z.array(z.literal("cckm")).max(1).nullish(),
  meta: z.record(z.string(), z.unknown()).nullish(),
  labels: z.record(z.string(), z.string().max(256)).nullish(),
  access_key_id: accessKeyId,
  secret_access_key: secretAccessKey,
  aws_region: awsRegion.default("us-east-1"),
  cloud_name: z.enum(["aws", "aws-us-gov", "aws-cn"]).default("aws"),
  /** Ours: a KMS endpoint other than AWS's own (the simulator). */
  endpoint: endpoint.nullish(),
};

export const awsConnectionPatchFields = {
  description: awsConnectionFields.description,
  meta: awsConnectionFields.meta,
  labels: awsConnectionFields.labels,
  access_key_id: accessKeyId.optional(),
  secret_access_key: secretAccessKey.optional(),
  aws_region: awsRegion.optional(),
  cloud_name: z.enum(["aws", "aws-us-gov", "aws-cn"]).optional(),
  endpoint: endpoint.nullish(),
};

/** 400 when the endpoint is an address connections may not reach (SAP's policy; its own opt-in, AWS_KMS_ALLOW_PRIVATE_ENDPOINTS). */
export function checkAwsEndpoint(deps: AppDeps, url: string | null | undefined, field: string): void {
  if (!url) return;
  const refusal = deps.awsClients.endpointRefusal(url);
  if (refusal) throw new ApiError(400, refusalMessage(field, refusal, "AWS"));
}
