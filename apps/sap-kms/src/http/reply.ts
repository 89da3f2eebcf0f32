import type { Response } from "express";
import { errorBody, type KmsError } from "./errors.ts";

/** What a handler answers; the route wrapper sends it (or replaces it with an injected fault). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function errorReply(error: KmsError, headers?: Record<string, string>): Reply {
  return { status: error.status, body: errorBody(error.code, error.message), ...(headers ? { headers } : {}) };
}

export function send(res: Response, reply: Reply): void {
  if (reply.headers) res.set(reply.headers);
  res.set("cache-control", "no-store");
  if (reply.body === undefined) res.status(reply.status).end();
  else res.status(reply.status).json(reply.body);
}
