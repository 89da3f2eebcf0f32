import { z } from "zod";
import { notFound } from "../protocol/aws-error.ts";
import { grantTokensMember, keyIdMember } from "./inputs.ts";
import { findKey } from "./key-ref.ts";
import { defineOperation } from "./operation.ts";

const input = z.object({
  KeyId: keyIdMember,
  PolicyName: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w]+$/)
    .optional(),
  GrantTokens: grantTokensMember,
});

/** GetKeyPolicy: the key's one policy, `default`, as JSON text; in any key state. */
export const getKeyPolicy = defineOperation({
  name: "GetKeyPolicy",
  input,
  handle: (body: z.infer<typeof input>, call) => {
    const key = findKey(call, body.KeyId);
    const name = body.PolicyName ?? "default";
    if (name !== "default") throw notFound(`No such policy exists: ${name}`);
    return { Policy: key.policy, PolicyName: "default" };
  },
});
