import { type AwsConnectionView, changeAwsConnection } from "@cckm/inventory";
import { z } from "zod";
import { ApiError } from "../../http/errors.ts";
import type { CloudConnectionPatch } from "../connections/update-connection.ts";
import { awsConnectionPatchFields, checkAwsEndpoint } from "./aws-connection-input.ts";
import { AWS_CONNECTIONS } from "./aws-connections.ts";

export const body = z.object(awsConnectionPatchFields);

type Changes = Parameters<typeof changeAwsConnection>[3];

/** An AWS connection's patch: a new secret access key is sealed afresh. */
export const AWS_CONNECTION_PATCH: CloudConnectionPatch<z.output<typeof body>, Changes, AwsConnectionView> = {
  connections: AWS_CONNECTIONS,
  body,
  audit: "aws_connection.update",
  changes(deps, input) {
    checkAwsEndpoint(deps, input.endpoint, "body.endpoint");
    return {
      description: input.description,
      accessKeyId: input.access_key_id,
      secretAccessKey: input.secret_access_key,
      awsRegion: input.aws_region,
      cloudName: input.cloud_name,
      endpoint: input.endpoint,
      meta: input.meta ?? undefined,
      labels: input.labels ?? undefined,
    };
  },
  async apply(deps, id, changes) {
    const view = await changeAwsConnection(deps.db, deps.keyring, id, changes);
    if (!view) throw new ApiError(404, `connection ${id} not found`);
    return view;
  },
};
