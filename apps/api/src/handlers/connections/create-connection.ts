import type { RequestHandler } from "express";
import type { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import type { CloudConnections } from "./cloud-connections.ts";

/** A cloud's connection create: its body (its credentials schema) and how it is stored (sealed). */
export interface CloudConnectionCreate<Body extends { name: string }, View extends { id: string }> {
  connections: CloudConnections<View, { id: string }>;
  body: z.ZodType<Body>;
  audit: string;
  /** Checks what the body cannot (the endpoint policy) and stores it; a name taken is CONNECTION_NAME_TAKEN. */
  add(deps: AppDeps, input: Body): Promise<View>;
}

/**
 * `POST /connectionmgmt/services/<service>/connections`, every cloud's: 201 with the connection as
 * shown; its secret is sealed at rest and never returned. A name taken is a 409.
 */
export function createConnection<B extends { name: string }, V extends { id: string }>(
  deps: AppDeps,
  create: CloudConnectionCreate<B, V>,
): RequestHandler {
  return async (req, res) => {
    const input = parse(create.body, req.body, "body");
    const { resourceType } = create.connections.audit;
    res.locals.audit = { action: create.audit, resourceType, detail: { name: input.name } };
    const view = await create.add(deps, input);
    res.locals.audit.resourceId = view.id;
    res.status(201).json(create.connections.resource(view));
  };
}
