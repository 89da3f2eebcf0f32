import { createHash, createPublicKey } from "node:crypto";
import { ocid } from "./ocids.ts";
import type { ApiKey, Tenancy, VaultRecord, VaultType } from "./records.ts";

type Seeded = { seed: number; prefix: string } | undefined;
const label = (seeded: Seeded, what: string) =>
  seeded ? { seed: seeded.seed, label: `${seeded.prefix}:${what}` } : undefined;

/** An API key from its public half (PEM): OCI's fingerprint is the MD5 of the SPKI DER, as hex pairs. */
export function apiKeyOf(publicKeyPem: string): ApiKey {
  const key = createPublicKey(publicKeyPem);
  if (key.asymmetricKeyType !== "rsa") throw new Error("an OCI API key is an RSA key");
  const der = key.export({ format: "der", type: "spki" });
  const hex = createHash("md5").update(der).digest("hex");
  const pem = key.export({ format: "pem", type: "spki" }).toString();
  return { fingerprint: hex.match(/../g)?.join(":") ?? hex, publicKeyPem: pem };
}

/** A tenancy with one user (holding `publicKeyPem`) and the named compartments under its root. */
export function newTenancy(
  input: { name: string; homeRegion: string; publicKeyPem: string; userName?: string; compartments?: string[] },
  seeded?: Seeded,
): Tenancy {
  return {
    id: ocid("tenancy", undefined, label(seeded, "tenancy")),
    name: input.name,
    homeRegion: input.homeRegion,
    users: [
      {
        id: ocid("user", undefined, label(seeded, "user")),
        name: input.userName ?? `${input.name}-api-user`,
        apiKeys: [apiKeyOf(input.publicKeyPem)],
      },
    ],
    compartments: (input.compartments ?? []).map((name) => ({
      id: ocid("compartment", undefined, label(seeded, `compartment:${name}`)),
      name,
    })),
  };
}

/** A vault; its wrapping key pair is made on first use. */
export function newVault(
  input: {
    tenancyId: string;
    compartmentId: string;
    displayName: string;
    region: string;
    vaultType: VaultType;
    timeCreated: string;
  },
  seeded?: Seeded,
): VaultRecord {
  return {
    id: ocid("vault", input.region, label(seeded, `vault:${input.displayName}`)),
    tenancyId: input.tenancyId,
    compartmentId: input.compartmentId,
    displayName: input.displayName,
    region: input.region,
    vaultType: input.vaultType,
    timeCreated: input.timeCreated,
    wrappingKey: {
      id: ocid("key", input.region, label(seeded, `wrapping-key:${input.displayName}`)),
      timeCreated: input.timeCreated,
    },
    freeformTags: {},
    definedTags: {},
  };
}
