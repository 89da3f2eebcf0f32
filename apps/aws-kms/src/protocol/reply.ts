import { randomUUID } from "node:crypto";
import type { Response } from "express";
import type { AwsError } from "./aws-error.ts";

export const AMZ_JSON = "application/x-amz-json-1.1";

/** Sends an AWS JSON 1.1 answer with a request id, as KMS does. */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.set("x-amzn-requestid", randomUUID());
  res.set("content-type", AMZ_JSON);
  res.status(status).send(JSON.stringify(body));
}

export function sendError(res: Response, error: AwsError): void {
  res.set("x-amzn-errortype", error.type);
  sendJson(res, error.status, error.body());
}
