import { randomUUID } from "node:crypto";
import { generateMaterial } from "../crypto/material.ts";
import type { TenantRoute } from "../http/tenant-route.ts";
import { parseBody } from "../http/validate.ts";
import { keyAttributesSchema, newKeyRecord, requestedSpec } from "../schemas/key-attributes.ts";
import { keyView } from "../views.ts";

/** `POST /kms/v2/keys` → 201 with the key and its version 0 (fresh material). */
export const keysCreate: TenantRoute = {
  id: "keys.create",
  method: "post",
  path: "/keys",
  async handle({ req, user, ctx }) {
    const attributes = parseBody(keyAttributesSchema, req.body);
    const spec = requestedSpec(attributes);
    ctx.store.checkNewKey(attributes.groupId.toLowerCase(), attributes.name);
    const record = newKeyRecord(randomUUID(), attributes, spec, user);
    const material = await generateMaterial(spec);
    record.versions.push({ version: 0, ...material, imported: false, created: record.created, creatorId: user.id });
    ctx.store.insertKey(record);
    return { status: 201, body: keyView(ctx.store, record) };
  },
};
