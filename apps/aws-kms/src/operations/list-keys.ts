import { z } from "zod";
import { markerMember } from "./inputs.ts";
import { arnOf } from "./key-metadata.ts";
import { defineOperation } from "./operation.ts";
import { page, pageFields } from "./paging.ts";

const input = z.object({ Limit: z.number().int().min(1).max(1000).optional(), Marker: markerMember.optional() });

/** ListKeys: the region's keys in creation order (pending deletion included), `Limit` (default 100) a page. */
export const listKeys = defineOperation({
  name: "ListKeys",
  input,
  handle: (body: z.infer<typeof input>, call) => {
    const keys = call.ctx.store.listKeys(call.account, call.region);
    const p = page(keys, (k) => String(k.seq).padStart(15, "0"), body.Limit ?? 100, body.Marker);
    return { Keys: p.items.map((k) => ({ KeyId: k.keyId, KeyArn: arnOf(k) })), ...pageFields(p) };
  },
});
