import { rootArn } from "./arn.ts";

/** The key policy AWS gives a key created without one: the account may do everything (IAM decides). */
export function defaultKeyPolicy(account: string): string {
  return JSON.stringify(
    {
      Version: "2012-10-17",
      Id: "key-default-1",
      Statement: [
        {
          Sid: "Enable IAM User Permissions",
          Effect: "Allow",
          Principal: { AWS: rootArn(account) },
          Action: "kms:*",
          Resource: "*",
        },
      ],
    },
    null,
    2,
  );
}
