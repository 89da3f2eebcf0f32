import type { AwsKmsClient } from "@cckm/aws-kms-client";
import { z } from "zod";
import type { CloudParametersTest } from "../connections/test-connection-parameters.ts";
import { awsConnectionFields, checkAwsEndpoint } from "./aws-connection-input.ts";
import { AWS_CONNECTIONS } from "./aws-connections.ts";
import { probeAws } from "./aws-probe.ts";

export const body = z.object(awsConnectionFields);

/** AWS's `connection-test`: a signed ListKeys in the given region, with a client closed afterwards. */
export const AWS_CONNECTION_PARAMETERS: CloudParametersTest<z.output<typeof body>> = {
  connections: AWS_CONNECTIONS,
  body,
  audit: "aws_connection.test_parameters",
  probe(deps, input) {
    checkAwsEndpoint(deps, input.endpoint, "body.endpoint");
    let made: AwsKmsClient | undefined;
    const client = () => {
      made = deps.awsClients.withCredentials({
        region: input.aws_region,
        accessKeyId: input.access_key_id,
        secretAccessKey: input.secret_access_key,
        ...(input.endpoint ? { endpoint: input.endpoint } : {}),
      });
      return made;
    };
    return probeAws(client, "body.endpoint").finally(() => made?.close());
  },
};
