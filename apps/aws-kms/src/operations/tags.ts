import { z } from "zod";
import { keyIdMember, markerMember } from "./inputs.ts";
import { findKey } from "./key-ref.ts";
import { defineOperation } from "./operation.ts";
import { page, pageFields } from "./paging.ts";

const input = z.object({
  KeyId: keyIdMember,
  Limit: z.number().int().min(1).max(50).optional(),
  Marker: markerMember.optional(),
});

/** ListResourceTags: the key's tags by tag key, `Limit` (default 50) a page; in any key state. */
export const listResourceTags = defineOperation({
  name: "ListResourceTags",
  input,
  handle: (body: z.infer<typeof input>, call) => {
    const key = findKey(call, body.KeyId);
    const tags = [...key.tags].sort((a, b) => (a.TagKey < b.TagKey ? -1 : 1));
    const p = page(tags, (t) => t.TagKey, body.Limit ?? 50, body.Marker);
    return { Tags: p.items, ...pageFields(p) };
  },
});
