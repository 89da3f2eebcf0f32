import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import type { SimulatorContext } from "../context.ts";
import type { VaultRecord } from "../store/records.ts";

const generateKeyPairAsync = promisify(generateKeyPair);
const pending = new WeakMap<VaultRecord, Promise<{ privateKeyPem: string; publicKeyPem: string }>>();

/**
 * The vault's RSA wrapping key pair, made on first use (RSA-4096 generation takes a while) and
 * kept with the vault (the state file keeps it too). Concurrent first uses share one generation.
 */
export async function wrappingKeyPair(
  ctx: SimulatorContext,
  vault: VaultRecord,
): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const { privateKeyPem, publicKeyPem } = vault.wrappingKey;
  if (privateKeyPem !== undefined && publicKeyPem !== undefined) return { privateKeyPem, publicKeyPem };
  let generation = pending.get(vault);
  if (generation === undefined) {
    generation = generateKeyPairAsync("rsa", { modulusLength: ctx.wrappingKeyBits }).then((pair) => {
      const made = {
        privateKeyPem: pair.privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
        publicKeyPem: pair.publicKey.export({ format: "pem", type: "spki" }).toString(),
      };
      Object.assign(vault.wrappingKey, made);
      pending.delete(vault);
      ctx.store.changed();
      return made;
    });
    pending.set(vault, generation);
  }
  return generation;
}
