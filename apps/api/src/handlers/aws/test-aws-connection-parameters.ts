import type { AwsKmsClient } from "@cckm/aws-kms-client";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import { awsConnectionFields, checkAwsEndpoint } from "./aws-connection-input.ts";
import { probeAws } from "./aws-probe.ts";

export const body = z.object(awsConnectionFields);

/** `POST /connectionmgmt/services/aws/connection-test`: tests parameters; persists nothing. */
export function testAwsConnectionParameters(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "aws_connection.test_parameters", resourceType: "aws_connection" };
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
    const outcome = await probeAws(client, "body.endpoint").finally(() => made?.close());
    res.locals.audit.detail = { connection_ok: outcome.connection_ok };
    res.json(outcome);
  };
}
