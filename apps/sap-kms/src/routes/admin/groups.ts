import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { AdminRoute } from "../../http/admin-route.ts";
import { KmsError } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";
import { groupView } from "../../views.ts";

const bodySchema = z
  .object({
    name: z.string().min(1).max(255),
    description: z.string().max(1024).default(""),
    keystoreId: z.string().optional(),
  })
  .strict();

/**
 * `POST /admin/groups {name, description?, keystoreId?}` → 201 with the group. SAP's KMS API creates
 * groups through its UI; tests use this to get a group of their own.
 */
export const groupsCreate: AdminRoute = {
  method: "post",
  path: "/groups",
  handle: (req, ctx) => {
    const body = parseBody(bodySchema, req.body);
    const keystoreId = body.keystoreId ?? ctx.store.listKeystores()[0]?.id;
    if (keystoreId === undefined) throw new KmsError("BAD_REQUEST", "the tenant has no keystore");
    const group = ctx.store.addGroup({
      id: randomUUID(),
      name: body.name,
      description: body.description,
      keystoreId,
      created: new Date().toISOString(),
      creatorId: ctx.store.tenant.users[0]?.id ?? "",
    });
    return { status: 201, body: groupView(ctx.store, group, true) };
  },
};
