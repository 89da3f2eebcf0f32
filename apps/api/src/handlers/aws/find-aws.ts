import {
  type AwsConnectionView,
  type AwsKeyView,
  type AwsKmsView,
  findAwsConnection,
  findAwsKey,
  findAwsKms,
} from "@cckm/inventory";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam, type PathRef, refParam } from "../../http/validate.ts";
import { AWS_KIND } from "./aws-kinds.ts";

const named = (ref: PathRef) => ("id" in ref ? ref.id : ref.name);

/** An AWS connection's `:id` (name, id or URI). */
export const awsConnectionRef = (params: unknown) => refParam(params, [AWS_KIND.connection]);

export async function findAwsConnectionOr404(deps: AppDeps, params: unknown): Promise<AwsConnectionView> {
  const ref = awsConnectionRef(params);
  const row = await findAwsConnection(deps.db, ref);
  if (!row) throw new ApiError(404, `connection ${named(ref)} not found`);
  return row;
}

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
