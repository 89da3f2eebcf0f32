import { type AwsConnectionView, addAwsConnection } from "@cckm/inventory";
import { z } from "zod";
import type { CloudConnectionCreate } from "../connections/create-connection.ts";
import { awsConnectionFields, awsName, checkAwsEndpoint } from "./aws-connection-input.ts";
import { AWS_CONNECTIONS } from "./aws-connections.ts";

export const body = z.object({ name: awsName, ...awsConnectionFields });

/** An AWS connection's create: the secret access key is sealed at rest and never returned. */
export const AWS_CONNECTION_CREATE: CloudConnectionCreate<z.output<typeof body>, AwsConnectionView> = {
  connections: AWS_CONNECTIONS,
  body,
  audit: "aws_connection.create",
  add(deps, input) {
    checkAwsEndpoint(deps, input.endpoint, "body.endpoint");
    return addAwsConnection(deps.db, deps.keyring, {
      name: input.name,
      description: input.description ?? null,
      accessKeyId: input.access_key_id,
      secretAccessKey: input.secret_access_key,
      awsRegion: input.aws_region,
      cloudName: input.cloud_name,
      endpoint: input.endpoint ?? null,
      meta: input.meta ?? undefined,
      labels: input.labels ?? undefined,
    });
  },
};
