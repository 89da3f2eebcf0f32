import type { AwsConnectionView } from "@cckm/inventory";
import { z } from "zod";
import { KIND, resourceBase, resourceBaseShape } from "../../http/resource.ts";

export const AWS_CONNECTIONS_PATH = "/api/v1/connectionmgmt/services/aws/connections";

const objectOr = (value: unknown) => (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
const object = z.record(z.string(), z.unknown());

/** The answer's schema of an AWS connection (OpenAPI): never the secret access key. */
export const awsConnectionResourceSchema = z.object({
  ...resourceBaseShape,
  name: z.string(),
  description: z.string().nullable(),
  category: z.literal("cloud"),
  service: z.literal("aws"),
  products: z.array(z.string()),
  resource_url: z.string(),
  meta: object,
  labels: object,
  last_connection_ok: z.boolean().nullable(),
  last_connection_error: z.string(),
  last_connection_at: z.iso.datetime().nullable(),
  access_key_id: z.string(),
  aws_region: z.string(),
  cloud_name: z.string(),
  endpoint: z.string().nullable().meta({ description: "ours: a KMS endpoint other than AWS's (the simulator)" }),
});

export type AwsConnectionResource = z.output<typeof awsConnectionResourceSchema>;

/** An AWS connection as CipherTrust draws one: the common connection fields, then the AWS ones. */
export function awsConnectionResource(row: AwsConnectionView): AwsConnectionResource {
  return {
    ...resourceBase(KIND.connection, row, row.name),
    name: row.name,
    description: row.description,
    category: "cloud" as const,
    service: "aws" as const,
    products: ["cckm"],
    resource_url: `${AWS_CONNECTIONS_PATH}/${row.id}`,
    meta: objectOr(row.meta),
    labels: objectOr(row.labels),
    last_connection_ok: row.lastTestOk,
    last_connection_error: row.lastTestError ?? "",
    last_connection_at: row.lastTestedAt?.toISOString() ?? null,
    access_key_id: row.accessKeyId,
    aws_region: row.awsRegion,
    cloud_name: row.cloudName,
    endpoint: row.endpoint,
  };
}
