import type { AwsConnectionView } from "@cckm/inventory";
import { z } from "zod";
import { connectionBase, connectionBaseShape } from "../../http/connection-base.ts";

export const AWS_CONNECTIONS_PATH = "/api/v1/connectionmgmt/services/aws/connections";

/** The answer's schema of an AWS connection (OpenAPI): never the secret access key. */
export const awsConnectionResourceSchema = z.object({
  ...connectionBaseShape,
  service: z.literal("aws"),
  access_key_id: z.string(),
  aws_region: z.string(),
  cloud_name: z.string(),
  endpoint: z.string().nullable().meta({ description: "ours: a KMS endpoint other than AWS's (the simulator)" }),
});

export type AwsConnectionResource = z.output<typeof awsConnectionResourceSchema>;

/** An AWS connection as CipherTrust draws one: the common connection fields, then the AWS ones. */
export function awsConnectionResource(row: AwsConnectionView): AwsConnectionResource {
  return {
    ...connectionBase(row, AWS_CONNECTIONS_PATH),
    service: "aws" as const,
    access_key_id: row.accessKeyId,
    aws_region: row.awsRegion,
    cloud_name: row.cloudName,
    endpoint: row.endpoint,
  };
}
