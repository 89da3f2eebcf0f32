import { AwsError, notFound } from "../protocol/aws-error.ts";
import { aliasArn, keyArn, parseKmsArn, userArn } from "../store/arn.ts";
import { UUID_PATTERN } from "../store/ids.ts";
import type { KeyRecord } from "../store/records.ts";
import type { Call } from "./operation.ts";

function accessDenied(call: Call, resource: string): AwsError {
  const { accountId, userName = "simulator-user" } = call.caller.accessKey;
  const action = `kms:${call.operation}`;
  return new AwsError(
    "AccessDeniedException",
    `User: ${userArn(accountId, userName)} is not authorized to perform: ${action} on resource: ${resource} because no resource-based policy allows the ${action} action`,
  );
}

function byAlias(call: Call, aliasName: string): KeyRecord {
  const alias = call.ctx.store.alias(call.account, call.region, aliasName);
  const key = alias && call.ctx.store.key(call.account, call.region, alias.targetKeyId);
  if (key === undefined) throw notFound(`Alias ${aliasArn(call.region, call.account, aliasName)} is not found.`);
  return key;
}

function byId(call: Call, keyId: string): KeyRecord {
  const key = call.ctx.store.key(call.account, call.region, keyId);
  if (key === undefined) throw notFound(`Key '${keyArn(call.region, call.account, keyId)}' does not exist`);
  return key;
}

/**
 * The key a request's `KeyId` names in the caller's account and region: a key id, a key ARN, or,
 * where the operation allows it (DescribeKey), an alias name or alias ARN. As in AWS: an ARN of
 * another account is AccessDeniedException (no cross-account grants here), anything that names no
 * key of this region NotFoundException.
 */
export function findKey(call: Call, ref: string, options: { aliases?: boolean } = {}): KeyRecord {
  const allowAlias = options.aliases ?? false;
  if (ref.startsWith("arn:")) {
    const arn = parseKmsArn(ref);
    if (arn === undefined) throw notFound(`Invalid arn ${ref}`);
    if (arn.account !== call.account) throw accessDenied(call, ref);
    if (arn.region !== call.region) throw notFound(`Invalid arn ${arn.region}`);
    if (arn.resource.startsWith("alias/")) {
      if (!allowAlias) throw notFound(`Invalid keyId ${ref}`);
      return byAlias(call, arn.resource);
    }
    return byId(call, arn.resource.slice("key/".length));
  }
  if (ref.startsWith("alias/")) {
    if (!allowAlias) throw notFound(`Invalid keyId ${ref}`);
    return byAlias(call, ref);
  }
  if (!UUID_PATTERN.test(ref)) throw notFound(`Invalid keyId ${ref}`);
  return byId(call, ref);
}

/** The key id a `KeyId` value names on its face (for fault rules and counters): the id inside an ARN. */
export function keyIdOnItsFace(ref: unknown): string | undefined {
  if (typeof ref !== "string") return undefined;
  const arn = parseKmsArn(ref);
  if (arn?.resource.startsWith("key/")) return arn.resource.slice("key/".length);
  return ref;
}
