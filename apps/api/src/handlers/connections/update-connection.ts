import type { RequestHandler } from "express";
import type { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import { type CloudConnections, findCloudConnectionOr404 } from "./cloud-connections.ts";

/**
 * A cloud's connection patch: its body (create's fields, all optional), the changes a body asks for
 * (a field left out, `null` or `{}` changes nothing), and how they are stored (a new secret sealed
 * afresh).
 */
export interface CloudConnectionPatch<Body, Changes extends object, View extends { id: string }> {
  connections: CloudConnections<View, { id: string }>;
  body: z.ZodType<Body>;
  audit: string;
  /** Checks what the body cannot (the endpoint policy, a 400) and says what changes. */
  changes(deps: AppDeps, input: Body): Changes;
  /** Stores the changes (never empty); the connection as it is after them. */
  apply(deps: AppDeps, id: string, changes: Changes): Promise<View>;
}

/**
 * `PATCH /connectionmgmt/services/<service>/connections/{id}`, every cloud's: the connection named
 * by `:id` (name, id or URI) or a 404 first, then the body; 200 with the connection, changed or not.
 */
export function updateConnection<B, C extends object, V extends { id: string }>(
  deps: AppDeps,
  patch: CloudConnectionPatch<B, C, V>,
): RequestHandler {
  return async (req, res) => {
    const row = await findCloudConnectionOr404(deps, patch.connections, req.params);
    const input = parse(patch.body, req.body ?? {}, "body");
    const { resourceType } = patch.connections.audit;
    res.locals.audit = { action: patch.audit, resourceType, resourceId: row.id };
    const changes = patch.changes(deps, input);
    const fields = Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== undefined);
    res.locals.audit.detail = { fields };
    const view = fields.length === 0 ? row : await patch.apply(deps, row.id, changes);
    res.json(patch.connections.resource(view));
  };
}
