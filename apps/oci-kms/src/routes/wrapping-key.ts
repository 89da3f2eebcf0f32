import { wrappingKeyPair } from "../crypto/wrapping-key.ts";
import type { OciRoute } from "../http/oci-route.ts";
import { ok } from "../http/reply.ts";
import { vaultOf } from "./lookup.ts";

/** `GET /20180608/wrappingKeys` → the vault's RSA wrapping key (WrappingKey, the public half as PEM). */
export const wrappingKeyGet: OciRoute = {
  id: "wrappingKey.get",
  method: "get",
  path: "/wrappingKeys",
  endpoint: "management",
  handle: async (request) => {
    const vault = vaultOf(request);
    const { publicKeyPem } = await wrappingKeyPair(request.ctx, vault);
    return ok({
      compartmentId: vault.compartmentId,
      id: vault.wrappingKey.id,
      lifecycleState: "ENABLED",
      publicKey: publicKeyPem,
      timeCreated: vault.wrappingKey.timeCreated,
      vaultId: vault.id,
    });
  },
};
