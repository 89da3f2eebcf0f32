import { keyIdInput } from "./inputs.ts";
import { keyMetadata } from "./key-metadata.ts";
import { findKey } from "./key-ref.ts";
import { defineOperation } from "./operation.ts";

/** DescribeKey: by key id, key ARN, alias name or alias ARN; in any key state. */
export const describeKey = defineOperation({
  name: "DescribeKey",
  input: keyIdInput,
  handle: (body, call) => ({ KeyMetadata: keyMetadata(findKey(call, body.KeyId, { aliases: true })) }),
});
