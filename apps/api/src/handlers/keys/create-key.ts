import { recordCreatedKey } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import { resolveGroup } from "../groups/resolve-group.ts";
import { keyResource } from "./key-resource.ts";
import { CURVES, CURVES_SAP_CANNOT_MAKE, OPERATIONS, SIZES, sapCurveOf } from "./key-spec.ts";

const nullish = <T extends z.ZodType>(schema: T) => schema.nullish();

export const body = z
  .object({
    /** "Name or ID of the group": our resource id, SAP's group id, or its name. */
    group: z.string().min(1).max(256),
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "1 to 128 letters, digits or . _ -"),
    type: z.enum(["AES", "RSA", "EC"]),
    size: nullish(z.number().int()),
    curve: nullish(z.enum(CURVES)),
    operations: nullish(z.array(z.enum(OPERATIONS)).min(1).max(OPERATIONS.length)),
    exportable: nullish(z.boolean()),
    enabled: nullish(z.boolean()),
    description: nullish(z.string().max(1024)),
    /** Passed to SAP as the key's role (`MASTER_KEY`, ...); SAP's default when absent. */
    role: nullish(z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, "an upper-case name such as MASTER_KEY")),
  })
  .superRefine((b, ctx) => {
    if (b.type === "EC") {
      if (b.curve == null) ctx.addIssue({ code: "custom", path: ["curve"], message: "required for EC keys" });
      else if ((CURVES_SAP_CANNOT_MAKE as readonly string[]).includes(b.curve)) {
        ctx.addIssue({
          code: "custom",
          path: ["curve"],
          message: `SAP cannot make ${b.curve} keys; one of NistP256, NistP384, NistP521`,
        });
      }
      if (b.size != null) ctx.addIssue({ code: "custom", path: ["size"], message: "EC keys take a curve, not a size" });
    } else {
      const sizes: readonly number[] = SIZES[b.type];
      if (b.size == null || !sizes.includes(b.size)) {
        ctx.addIssue({ code: "custom", path: ["size"], message: `one of ${sizes.join(", ")} for ${b.type} keys` });
      }
      if (b.curve != null) ctx.addIssue({ code: "custom", path: ["curve"], message: "only for EC keys" });
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
    const group = await resolveGroup(deps, input.group);
    const curve = input.curve != null ? sapCurveOf(input.curve) : undefined;
    const client = deps.sapClients.for(group.connection);
    const created = await client.createKey({
      groupId: group.sapGroupId,
      name: input.name,
      type: input.type,
      ...(input.size != null ? { size: input.size } : {}),
      ...(curve !== undefined ? { curve } : {}),
      ...(input.operations ? { operations: input.operations } : {}),
      ...(input.exportable != null ? { exportable: input.exportable } : {}),
      ...(input.enabled != null ? { enabled: input.enabled } : {}),
      ...(input.description != null ? { description: input.description } : {}),
      ...(input.role != null ? { role: input.role } : {}),
    });
    const row = await recordCreatedKey(deps.db, { connectionId: group.connectionId, groupId: group.id }, created);
    res.locals.audit.resourceId = row.id;
    res.status(201).json(keyResource(row));
  };
}
