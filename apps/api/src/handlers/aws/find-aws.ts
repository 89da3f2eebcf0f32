import { type AwsConnectionView, type AwsKeyView, type AwsKmsView, findAwsKey, findAwsKms } from "@cckm/inventory";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam, type PathRef, refParam } from "../../http/validate.ts";
import { findCloudConnectionOr404 } from "../connections/cloud-connections.ts";
import { AWS_CONNECTIONS } from "./aws-connections.ts";
import { AWS_KIND } from "./aws-kinds.ts";

const named = (ref: PathRef) => ("id" in ref ? ref.id : ref.name);

/** The AWS connection named by `:id` (name, id or URI), or a 404. */
export const findAwsConnectionOr404 = (deps: AppDeps, params: unknown): Promise<AwsConnectionView> =>
  findCloudConnectionOr404(deps, AWS_CONNECTIONS, params);

export async function findAwsKmsOr404(deps: AppDeps, params: unknown): Promise<AwsKmsView> {
  const ref = refParam(params, [AWS_KIND.kms]);
  const row = await findAwsKms(deps.db, ref);
  if (!row) throw new ApiError(404, `KMS ${named(ref)} not found`);
  return row;
}

export async function findAwsKeyOr404(deps: AppDeps, params: unknown): Promise<AwsKeyView> {
  const id = idParam(params);
  const row = await findAwsKey(deps.db, id);
  if (!row) throw new ApiError(404, `key ${id} not found`);
  return row;
}
