import { z } from "zod";
import { awsName, awsRegion } from "./aws-connection-input.ts";

export const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id");
export const regions = z.array(awsRegion).min(1).max(64);
/** A connection's name or id. */
export const connectionField = z.string().min(1).max(256);

export const kmsName = awsName;
