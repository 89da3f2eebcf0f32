import { generateMaterial } from "../crypto/material.ts";
import type { TenantRoute } from "../http/tenant-route.ts";
import { versionView } from "../views.ts";
import { keyFromPath } from "./key-lookup.ts";

/** `POST /kms/v2/keys/{id}/versions` → 201: a new version with fresh material becomes the primary one. */
export const versionsCreate: TenantRoute = {
  id: "versions.create",
  method: "post",
  path: "/keys/:id/versions",
  async handle({ req, user, ctx }) {
    const key = keyFromPath(req, ctx.store);
    const material = await generateMaterial(key);
    const version = ctx.store.addVersion(key.id, {
      ...material,
      imported: false,
      created: new Date().toISOString(),
      creatorId: user.id,
    });
    return { status: 201, body: versionView(key, version) };
  },
};
