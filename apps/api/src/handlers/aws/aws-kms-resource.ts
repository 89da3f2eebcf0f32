import type { AwsKmsView } from "@cckm/inventory";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../http/resource.ts";
import { AWS_KIND } from "./aws-kinds.ts";

const APPLICATION = "ncryptify:gemalto:admin:apps:kylo";
const DEV_ACCOUNT = "ncryptify:gemalto:admin:accounts:gemalto";

/** The answer's schema of an AWS KMS resource (OpenAPI). */
export const awsKmsResourceSchema = z.object({
  ...resourceBaseShape,
  application: z.string(),
  devAccount: z.string(),
  name: z.string(),
  account_id: z.string(),
  arn: z.string(),
  regions: z.array(z.string()),
  connection: z.string(),
  cloud_name: z.string(),
  status: z.string(),
  auto_added: z.boolean(),
  acls: z.array(z.unknown()),
});

export type AwsKmsResource = z.output<typeof awsKmsResourceSchema>;

/** A KMS resource as CipherTrust draws one; `arn` is the account's root ARN. */
export function awsKmsResource(row: AwsKmsView): AwsKmsResource {
  return {
    ...resourceBase(AWS_KIND.kms, row),
    application: APPLICATION,
    devAccount: DEV_ACCOUNT,
    name: row.name,
    account_id: row.accountId,
    arn: `arn:aws:iam::${row.accountId}:root`,
    regions: row.regions,
    connection: row.connection.name,
    cloud_name: row.connection.cloudName,
    status: "active",
    auto_added: false,
    acls: [],
  };
}
