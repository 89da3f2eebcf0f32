import { randomUUID } from "node:crypto";
import { groupsInOrder, addGroups as recordGroups } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { ACCOUNT, resourceBaseShape } from "../../http/resource.ts";
import { parse } from "../../http/validate.ts";
import { resolveConnection } from "../connections/resolve-connection.ts";
import { groupResource, groupResourceSchema } from "./group-resource.ts";

export const body = z.object({
  connection: z.string().min(1).max(256),
  group_id: z.array(z.string().min(1).max(256)).min(1).max(100),
});

/** The answer, as the docs show it: an envelope with an id and `uri` of its own, and the groups. */
export const response = z.object({ ...resourceBaseShape, groups: z.array(groupResourceSchema) });

/**
 * `POST /cckm/sap/add-groups`: adds SAP groups (by SAP id) to the inventory as containers, without
 * their keys (a synchronization brings them). All or nothing: an id SAP does not know is a 404 and
 * nothing is added. Answers as the docs show: an envelope with an id and `uri` of its own, and the
 * groups as resources.
 */
export function addGroups(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const connection = await resolveConnection(deps, input.connection);
    res.locals.audit = { action: "group.add", resourceType: "sap_group", detail: { group_id: input.group_id } };
    const client = deps.sapClients.for(connection);
    const added = await recordGroups(deps.db, client, connection.id, input.group_id);
    if (added.outcome === "missing") {
      throw new ApiError(404, `body.group_id: no such group in SAP: ${added.missing.join(", ")}`);
    }
    const rows = await groupsInOrder(deps.db, added.groupIds);
    const id = randomUUID();
    const now = new Date().toISOString();
    const answer: z.output<typeof response> = {
      id,
      uri: `kylo:kylo:cckm:sap-group:${id}`,
      account: ACCOUNT,
      createdAt: now,
      updatedAt: now,
      groups: rows.map(groupResource),
    };
    res.json(answer);
  };
}
