import { groupSchema } from "@cckm/sap-kms-client";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import { resolveConnection } from "../connections/resolve-connection.ts";

export const body = z.object({
  connection: z.string().min(1).max(256),
  top: z.number().int().min(1).max(1000).default(100),
  skip: z.number().int().min(0).max(1_000_000_000).default(0),
});

/** The answer: SAP's page of groups, as SAP draws them. */
export const response = z.object({ value: z.array(groupSchema) });

/**
 * `POST /cckm/sap/get-groups`: the groups of the connection's SAP tenant, one page of SAP's own list
 * (`$top`, `$skip`), passed through as SAP answers it (`{"value": [...]}`, keystore expanded). Reads
 * only: nothing is added to the inventory (that is add-groups).
 */
export function getSapGroups(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const connection = await resolveConnection(deps, input.connection);
    const groups = await deps.sapClients
      .for(connection)
      .listGroups({ top: input.top, skip: input.skip, expandKeystore: true });
    const answer: z.output<typeof response> = { value: groups };
    res.json(answer);
  };
}
