import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AwsError, unsupported, validation } from "../protocol/aws-error.ts";
import { defaultKeyPolicy } from "../store/default-policy.ts";
import { KEY_SPECS, KEY_USAGES, ORIGINS, usageProblem } from "../store/key-spec.ts";
import type { Tag } from "../store/records.ts";
import { keyMetadata } from "./key-metadata.ts";
import { defineOperation } from "./operation.ts";

export const tagsMember = z
  .array(z.object({ TagKey: z.string().min(1).max(128), TagValue: z.string().max(256) }))
  .max(50);

const input = z.object({
  KeySpec: z.enum(KEY_SPECS).optional(),
  CustomerMasterKeySpec: z.enum(KEY_SPECS).optional(),
  KeyUsage: z.enum(KEY_USAGES).optional(),
  Description: z.string().max(8192).optional(),
  Tags: tagsMember.optional(),
  Origin: z.enum(ORIGINS).optional(),
  Policy: z.string().min(1).max(32768).optional(),
  MultiRegion: z.boolean().optional(),
  CustomKeyStoreId: z.string().min(1).max(64).optional(),
  BypassPolicyLockoutSafetyCheck: z.boolean().optional(),
});

/** TagException for duplicate or reserved tag keys, as AWS refuses them. */
export function checkTags(tags: Tag[]): Tag[] {
  const seen = new Set<string>();
  for (const { TagKey } of tags) {
    if (TagKey.toLowerCase().startsWith("aws:")) {
      throw new AwsError("TagException", `Tag keys beginning with 'aws:' are reserved: ${TagKey}`);
    }
    if (seen.has(TagKey)) throw new AwsError("TagException", `Duplicate tag key: ${TagKey}`);
    seen.add(TagKey);
  }
  return tags.map(({ TagKey, TagValue }) => ({ TagKey, TagValue }));
}

function checkPolicy(policy: string): string {
  try {
    const parsed: unknown = JSON.parse(policy);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return policy;
  } catch {
    // falls through to the refusal
  }
  throw new AwsError("MalformedPolicyDocumentException", "The new key policy will not allow you to update it.");
}

/** CreateKey: a new customer managed key in the caller's account and region, enabled (or PendingImport for EXTERNAL). */
export const createKey = defineOperation({
  name: "CreateKey",
  input,
  handle: (body: z.infer<typeof input>, call) => {
    if (body.KeySpec !== undefined && body.CustomerMasterKeySpec !== undefined) {
      throw validation("You cannot specify both KeySpec and CustomerMasterKeySpec in the same request.");
    }
    const keySpec = body.KeySpec ?? body.CustomerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    const keyUsage = body.KeyUsage ?? "ENCRYPT_DECRYPT"; // as in AWS, also for ECC keys (which then refuse it)
    const problem = usageProblem(keySpec, keyUsage);
    if (problem !== undefined) throw validation(problem);
    const origin = body.Origin ?? "AWS_KMS";
    if (origin !== "AWS_KMS" && origin !== "EXTERNAL") {
      throw unsupported(`The simulator creates keys of Origin AWS_KMS and EXTERNAL only, not ${origin}.`);
    }
    if (body.CustomKeyStoreId !== undefined) throw unsupported("The simulator has no custom key stores.");
    if (body.MultiRegion === true) throw unsupported("The simulator does not create multi-Region keys.");
    const key = call.ctx.store.insertKey({
      keyId: randomUUID(),
      account: call.account,
      region: call.region,
      creationDate: call.now,
      description: body.Description ?? "",
      keySpec,
      keyUsage,
      origin,
      state: origin === "EXTERNAL" ? "PendingImport" : "Enabled",
      policy: body.Policy === undefined ? defaultKeyPolicy(call.account) : checkPolicy(body.Policy),
      tags: checkTags(body.Tags ?? []),
      rotation: { enabled: false, periodInDays: 365 },
    });
    return { KeyMetadata: keyMetadata(key) };
  },
});
