import type { LocalKeyView } from "@cckm/inventory";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../http/resource.ts";

export const LOCAL_KEY_KIND = "vault:keys";

/** A key of the local key source as CipherTrust draws one (`/vault/keys2`); never its material. */
export const localKeyResourceSchema = z.object({
  ...resourceBaseShape,
  name: z.string(),
  algorithm: z.enum(["aes", "rsa"]),
  size: z.number().int(),
  objectType: z.string(),
  state: z.literal("Active"),
  unexportable: z.boolean(),
});

export type LocalKeyResource = z.output<typeof localKeyResourceSchema>;

export function localKeyResource(row: LocalKeyView): LocalKeyResource {
  return {
    ...resourceBase(LOCAL_KEY_KIND, row, row.name),
    name: row.name,
    algorithm: row.algorithm === "AES" ? "aes" : "rsa",
    size: row.size,
    objectType: row.algorithm === "AES" ? "Symmetric Key" : "Private Key",
    state: "Active" as const,
    unexportable: true,
  };
}
