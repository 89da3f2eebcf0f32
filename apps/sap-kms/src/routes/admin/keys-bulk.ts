import { randomUUID } from "node:crypto";
import { z } from "zod";
import { generateMaterial } from "../../crypto/material.ts";
import type { AdminRoute } from "../../http/admin-route.ts";
import { KmsError } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";
import { keyAttributesSchema, newKeyRecord, requestedSpec } from "../../schemas/key-attributes.ts";
import type { KeyRecord } from "../../store/records.ts";

/** The most keys one call creates: a bench's whole inventory, still one bounded request. */
export const BULK_KEYS_MAX = 100_000;

const bodySchema = z
  .object({
    /** The attributes every key gets, as `POST /kms/v2/keys` takes them, without a name. */
    key: keyAttributesSchema.omit({ name: true }),
    /** Keys are named `<namePrefix>-0`, `<namePrefix>-1`, …; a name taken in the group is a 409. */
    namePrefix: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^\p{Cc}]+$/u, "must not contain control characters"),
    count: z.number().int().min(1).max(BULK_KEYS_MAX),
  })
  .strict();

/**
 * `POST /admin/keys/bulk {key, namePrefix, count}` → 201 `{groupId, created, ids}`: `count` keys made in
 * one request, each as `POST /kms/v2/keys` makes it (fresh material as version 0), owned by the
 * tenant's first technical user. For seeding (the bench, demos), not part of SAP's API; it counts
 * no tenant requests and meets no faults. All or nothing: every name is checked before any key is stored.
 */
export const keysBulkCreate: AdminRoute = {
  method: "post",
  path: "/keys/bulk",
  handle: async (req, ctx) => {
    const body = parseBody(bodySchema, req.body);
    const user = ctx.store.tenant.users[0];
    if (user === undefined) throw new KmsError("BAD_REQUEST", "the tenant has no technical user");
    const attributes = { ...body.key, name: `${body.namePrefix}-0` };
    const spec = requestedSpec(attributes);
    const groupId = attributes.groupId.toLowerCase();
    // Before the slow part (material for every key): an unknown group is a 400 at once.
    if (ctx.store.group(groupId) === undefined) throw new KmsError("UNKNOWN_GROUP", `group ${groupId} does not exist`);
    const records: KeyRecord[] = [];
    for (let i = 0; i < body.count; i++) {
      const record = newKeyRecord(randomUUID(), { ...attributes, name: `${body.namePrefix}-${i}` }, spec, user);
      const material = await generateMaterial(spec);
      record.versions.push({ version: 0, ...material, imported: false, created: record.created, creatorId: user.id });
      records.push(record);
    }
    ctx.store.insertKeys(records);
    const ids = records.map((r) => r.id);
    return { status: 201, body: { groupId, created: ids.length, ids } };
  },
};
