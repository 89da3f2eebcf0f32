import { createHash } from "node:crypto";
import type { Request, Response } from "express";

/**
 * Sends `body` as JSON with a weak ETag of its content, or `304 Not Modified` when the client's
 * If-None-Match already names it: polling clients pay for a body only when something changed.
 */
export function sendWithEtag(req: Request, res: Response, body: unknown): void {
  const json = JSON.stringify(body);
  const etag = `W/"${createHash("sha1").update(json).digest("base64url")}"`;
  res.set("etag", etag);
  const wanted = (req.get("if-none-match") ?? "").split(",").map((t) => t.trim());
  if (wanted.includes(etag) || wanted.includes("*")) {
    res.status(304).end();
    return;
  }
  res.type("application/json").send(json);
}
