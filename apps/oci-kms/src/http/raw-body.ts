import type { IncomingMessage } from "node:http";
import type { Request } from "express";

const rawBodies = new WeakMap<IncomingMessage, Buffer>();

/** For express.json's `verify`: keeps the body's bytes, which the signature check hashes. */
export function keepRawBody(req: IncomingMessage, _res: unknown, buffer: Buffer): void {
  rawBodies.set(req, buffer);
}

/** The request body's bytes as received; undefined when there was none. */
export function rawBodyOf(req: Request): Buffer | undefined {
  return rawBodies.get(req);
}
