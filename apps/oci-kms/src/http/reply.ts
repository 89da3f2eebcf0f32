import { randomUUID } from "node:crypto";
import type { Response } from "express";
import { errorBody, type OciApiError } from "./errors.ts";

/** What a handler answers; the route wrapper sends it (or replaces it with an injected fault). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({
  status: 200,
  body,
  ...(headers ? { headers } : {}),
});

export function errorReply(error: OciApiError, headers?: Record<string, string>): Reply {
  return { status: error.status, body: errorBody(error.code, error.message), ...(headers ? { headers } : {}) };
}

/** Sends a reply with OCI's `opc-request-id` (the client's own, when it sent one, as OCI does). */
export function send(res: Response, reply: Reply, requestId?: string): void {
  if (reply.headers) res.set(reply.headers);
  res.set("cache-control", "no-store");
  res.set("opc-request-id", requestId ?? randomUUID().replaceAll("-", "").toUpperCase());
  if (reply.body === undefined) res.status(reply.status).end();
  else res.status(reply.status).json(reply.body);
}
