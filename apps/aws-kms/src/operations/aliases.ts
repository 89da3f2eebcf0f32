import { z } from "zod";
import { AwsError, notFound } from "../protocol/aws-error.ts";
import { aliasArn } from "../store/arn.ts";
import { keyIdMember, markerMember } from "./inputs.ts";
import { aliasEntry } from "./key-metadata.ts";
import { findKey } from "./key-ref.ts";
import { defineOperation } from "./operation.ts";
import { page, pageFields } from "./paging.ts";
import { ALLOWED, requireState } from "./state-rules.ts";

const aliasNameMember = z.string().min(1).max(256);

function checkAliasName(name: string): string {
  if (!name.startsWith("alias/")) throw new AwsError("InvalidAliasNameException", 'Alias must start with "alias/"');
  if (name.startsWith("alias/aws/")) {
    throw new AwsError("InvalidAliasNameException", "Alias names beginning with alias/aws/ are reserved for AWS.");
  }
  if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(name)) {
    throw new AwsError("InvalidAliasNameException", `Alias ${name} has characters that are not allowed.`);
  }
  return name;
}

const createInput = z.object({ AliasName: aliasNameMember, TargetKeyId: keyIdMember });

/** CreateAlias: a new alias for a key of the caller's region (key id or ARN, not pending deletion). */
export const createAlias = defineOperation({
  name: "CreateAlias",
  input: createInput,
  handle: (body: z.infer<typeof createInput>, call) => {
    const name = checkAliasName(body.AliasName);
    const key = findKey(call, body.TargetKeyId);
    requireState(key, ALLOWED.CreateAlias ?? []);
    if (call.ctx.store.alias(call.account, call.region, name) !== undefined) {
      throw new AwsError(
        "AlreadyExistsException",
        `An alias with the name ${aliasArn(call.region, call.account, name)} already exists`,
      );
    }
    call.ctx.store.insertAlias({
      aliasName: name,
      account: call.account,
      region: call.region,
      targetKeyId: key.keyId,
      creationDate: call.now,
      lastUpdatedDate: call.now,
    });
    return {};
  },
});

const deleteInput = z.object({ AliasName: aliasNameMember });

/** DeleteAlias: removes an alias (never its key). */
export const deleteAlias = defineOperation({
  name: "DeleteAlias",
  input: deleteInput,
  handle: (body: z.infer<typeof deleteInput>, call) => {
    if (!call.ctx.store.deleteAlias(call.account, call.region, body.AliasName)) {
      throw notFound(`Alias ${aliasArn(call.region, call.account, body.AliasName)} is not found.`);
    }
    return {};
  },
});

const listInput = z.object({
  KeyId: keyIdMember.optional(),
  Limit: z.number().int().min(1).max(100).optional(),
  Marker: markerMember.optional(),
});

/** ListAliases: the region's aliases by name, or one key's (`KeyId`: key id or ARN); `Limit` (default 50) a page. */
export const listAliases = defineOperation({
  name: "ListAliases",
  input: listInput,
  handle: (body: z.infer<typeof listInput>, call) => {
    const keyId = body.KeyId === undefined ? undefined : findKey(call, body.KeyId).keyId;
    const aliases = call.ctx.store
      .listAliases(call.account, call.region)
      .filter((a) => keyId === undefined || a.targetKeyId === keyId);
    const p = page(aliases, (a) => a.aliasName, body.Limit ?? 50, body.Marker);
    return { Aliases: p.items.map(aliasEntry), ...pageFields(p) };
  },
});
