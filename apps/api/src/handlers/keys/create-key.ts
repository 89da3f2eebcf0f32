import { keyFields } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { upstreamError } from "../../http/upstream-error.ts";
import { parse } from "../../http/validate.ts";
import { KEY_INCLUDE, keyResource } from "./key-resource.ts";

const SIZES = { AES: [128, 192, 256], RSA: [2048, 3072, 4096] } as const;
const OPERATIONS = ["ENCRYPT", "DECRYPT", "SIGN", "VERIFY", "WRAP", "UNWRAP"] as const;

export const body = z
  .strictObject({
    group: z.uuid({ message: "must be the id of a group of the inventory" }),
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "1 to 128 letters, digits or . _ -"),
    type: z.enum(["AES", "RSA", "EC"]),
    size: z.number().int().optional(),
    curve: z.enum(["P-256", "P-384", "P-521"]).optional(),
    operations: z.array(z.enum(OPERATIONS)).min(1).max(OPERATIONS.length).optional(),
    exportable: z.boolean().optional(),
    enabled: z.boolean().optional(),
    description: z.string().max(1024).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.type === "EC") {
      if (b.curve === undefined) ctx.addIssue({ code: "custom", path: ["curve"], message: "required for EC keys" });
      if (b.size !== undefined)
        ctx.addIssue({ code: "custom", path: ["size"], message: "EC keys take a curve, not a size" });
    } else {
      const sizes: readonly number[] = SIZES[b.type];
      if (b.size === undefined || !sizes.includes(b.size)) {
        ctx.addIssue({ code: "custom", path: ["size"], message: `one of ${sizes.join(", ")} for ${b.type} keys` });
      }
      if (b.curve !== undefined) ctx.addIssue({ code: "custom", path: ["curve"], message: "only for EC keys" });
    }
  });

/** `POST /cckm/sap/keys`: creates a native key in a SAP group through the upstream and records it. */
export function createKey(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = {
      action: "key.create",
      resourceType: "sap_key",
      detail: { name: input.name, type: input.type },
    };
    const group = await deps.db.sapGroup.findUnique({ where: { id: input.group }, include: { connection: true } });
    if (!group) throw new ApiError(404, `group ${input.group} not found`);
    const client = deps.sapClients.for(group.connection);
    const created = await client
      .createKey({
        groupId: group.sapGroupId,
        name: input.name,
        type: input.type,
        ...(input.size !== undefined ? { size: input.size } : {}),
        ...(input.curve !== undefined ? { curve: input.curve } : {}),
        ...(input.operations ? { operations: input.operations } : {}),
        ...(input.exportable !== undefined ? { exportable: input.exportable } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      })
      .catch((error: unknown) => {
        throw upstreamError(error);
      });
    const row = await deps.db.sapKey.upsert({
      where: { connectionId_sapKeyId: { connectionId: group.connectionId, sapKeyId: created.id } },
      create: { connectionId: group.connectionId, groupId: group.id, sapKeyId: created.id, ...keyFields(created) },
      update: {},
      include: KEY_INCLUDE,
    });
    res.locals.audit.resourceId = row.id;
    res.status(201).json(keyResource(row));
  };
}
