import { findStoredAwsConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idOrName } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { connectionField } from "./aws-kms-input.ts";

export const body = z.object({ connection: connectionField, validate: z.boolean().nullish() });

export const accountsAnswer = z.object({ account_id: z.string(), regions: z.array(z.string()) });

/** The regions offered for a KMS: the connection's own first, then AWS's commercial regions. */
const KNOWN_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "sa-east-1",
];

const ACCOUNT_OF_ARN = /^arn:aws[a-z-]*:kms:[^:]+:(\d{12}):/;

/**
 * `POST /cckm/aws/accounts`: the account id and regions behind a connection. There is no STS call:
 * the account is read from the ARN of a key in the connection's region (ListKeys), as KMS answers
 * it; a region without keys gives no ARN, so the account is then unknown (422). The
 * regions are the connection's region and AWS's commercial ones (docs/decisions.md, issue 15).
 */
export function getAwsAccounts(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const row = await findStoredAwsConnection(deps.db, idOrName(input.connection));
    if (!row) throw new ApiError(400, `body.connection: connection ${input.connection} not found`);
    const keys = await deps.awsClients.for(row, row.awsRegion).listKeys({ pageSize: 1 });
    const accountId = keys.map((k) => ACCOUNT_OF_ARN.exec(k.KeyArn ?? "")?.[1]).find((a) => a !== undefined);
    if (accountId === undefined) {
      throw new ApiError(422, `no key in ${row.awsRegion} names the account: give account_id when creating the KMS`);
    }
    res.json({ account_id: accountId, regions: [...new Set([row.awsRegion, ...KNOWN_REGIONS])] });
  };
}
