import { generateMaterial, type KeyShape } from "../crypto/material.ts";
import { DEMO_TENANCY, DEMO_USER_PUBLIC_KEY_PEM } from "./demo-user.ts";
import { apiKeyOf, newVault } from "./factory.ts";
import { ocid } from "./ocids.ts";
import type { KeyRecord, KeyState, KeyVersionRecord, ProtectionMode, Tenancy, VaultRecord } from "./records.ts";
import type { StoreContents } from "./store.ts";

interface DemoKey {
  vault: "demo-default-vault" | "demo-private-vault";
  compartment?: "apps";
  name: string;
  shape: KeyShape;
  protectionMode: ProtectionMode;
  state: KeyState;
  /** States of the versions, oldest first; the newest ENABLED one is current. */
  versions: KeyState[];
}

const DAY_MS = 86_400_000;

const KEYS: DemoKey[] = [
  {
    vault: "demo-default-vault",
    name: "demo-aes-256",
    shape: { algorithm: "AES", length: 32 },
    protectionMode: "SOFTWARE",
    state: "ENABLED",
    versions: ["PENDING_DELETION", "ENABLED", "ENABLED"],
  },
  {
    vault: "demo-default-vault",
    name: "demo-rsa-2048",
    shape: { algorithm: "RSA", length: 256 },
    protectionMode: "SOFTWARE",
    state: "ENABLED",
    versions: ["ENABLED", "ENABLED"],
  },
  {
    vault: "demo-default-vault",
    name: "demo-ecdsa-p256",
    shape: { algorithm: "ECDSA", length: 32, curveId: "NIST_P256" },
    protectionMode: "HSM",
    state: "ENABLED",
    versions: ["ENABLED"],
  },
  {
    vault: "demo-default-vault",
    name: "demo-aes-disabled",
    shape: { algorithm: "AES", length: 16 },
    protectionMode: "HSM",
    state: "DISABLED",
    versions: ["ENABLED"],
  },
  {
    vault: "demo-default-vault",
    name: "demo-aes-pending-deletion",
    shape: { algorithm: "AES", length: 32 },
    protectionMode: "HSM",
    state: "PENDING_DELETION",
    versions: ["ENABLED", "ENABLED"],
  },
  {
    vault: "demo-default-vault",
    compartment: "apps",
    name: "apps-aes-128",
    shape: { algorithm: "AES", length: 16 },
    protectionMode: "SOFTWARE",
    state: "ENABLED",
    versions: ["ENABLED"],
  },
  {
    vault: "demo-private-vault",
    name: "private-aes-hsm",
    shape: { algorithm: "AES", length: 32 },
    protectionMode: "HSM",
    state: "ENABLED",
    versions: ["ENABLED", "ENABLED"],
  },
  {
    vault: "demo-private-vault",
    name: "private-rsa-hsm",
    shape: { algorithm: "RSA", length: 256 },
    protectionMode: "HSM",
    state: "ENABLED",
    versions: ["ENABLED"],
  },
];

function demoTenancyRecord(): Tenancy {
  return {
    id: DEMO_TENANCY.tenancyId,
    name: DEMO_TENANCY.name,
    homeRegion: DEMO_TENANCY.homeRegion,
    users: [{ id: DEMO_TENANCY.userId, name: DEMO_TENANCY.userName, apiKeys: [apiKeyOf(DEMO_USER_PUBLIC_KEY_PEM)] }],
    compartments: [{ id: DEMO_TENANCY.appsCompartmentId, name: "cckm-demo-apps" }],
  };
}

async function demoKey(
  demo: DemoKey,
  vault: VaultRecord,
  seed: number,
  created: number,
  deleteAt: string,
): Promise<KeyRecord> {
  const seeded = (what: string) => ({ seed, label: `key:${demo.name}:${what}` });
  const keyId = ocid("key", vault.region, seeded("key"));
  const compartmentId = demo.compartment === "apps" ? DEMO_TENANCY.appsCompartmentId : vault.compartmentId;
  const versions: KeyVersionRecord[] = [];
  for (const [n, state] of demo.versions.entries()) {
    versions.push({
      id: ocid("keyversion", vault.region, seeded(`version:${n}`)),
      keyId,
      vaultId: vault.id,
      compartmentId,
      state,
      origin: "INTERNAL",
      timeCreated: new Date(created + n * DAY_MS).toISOString(),
      ...(state === "PENDING_DELETION" ? { timeOfDeletion: deleteAt } : {}),
      ...(await generateMaterial(demo.shape)),
    });
  }
  const current = versions.filter((v) => v.state === "ENABLED").at(-1) ?? versions.at(-1);
  const pending = demo.state === "PENDING_DELETION";
  return {
    id: keyId,
    vaultId: vault.id,
    compartmentId,
    displayName: demo.name,
    algorithm: demo.shape.algorithm,
    length: demo.shape.length,
    ...(demo.shape.curveId ? { curveId: demo.shape.curveId } : {}),
    protectionMode: demo.protectionMode,
    state: demo.state,
    ...(pending ? { stateBeforeDeletion: "ENABLED", timeOfDeletion: deleteAt } : {}),
    timeCreated: new Date(created).toISOString(),
    currentKeyVersion: current?.id ?? "",
    freeformTags: { purpose: "demo" },
    definedTags: {},
    versions,
  };
}

/**
 * The demo tenancy "cckm-demo": one API user (the fixture key pair), the root compartment and
 * "cckm-demo-apps", two vaults in us-ashburn-1 (DEFAULT and VIRTUAL_PRIVATE) and keys of each
 * algorithm and protection mode in ENABLED, DISABLED and PENDING_DELETION, some with several
 * versions. Vault and key ids derive from the seed; key material is fresh every time.
 */
export async function demoTenancy(options: { seed: number; now: number }): Promise<StoreContents> {
  const tenancy = demoTenancyRecord();
  const start = options.now - 90 * DAY_MS;
  // Pending deletions end 20 days from the start (OCI's range is 7 to 30 days).
  const deleteAt = new Date(options.now + 20 * DAY_MS).toISOString();
  const vaults = (["demo-default-vault", "demo-private-vault"] as const).map((name, n) =>
    newVault(
      {
        tenancyId: tenancy.id,
        compartmentId: tenancy.id,
        displayName: name,
        region: DEMO_TENANCY.homeRegion,
        vaultType: n === 0 ? "DEFAULT" : "VIRTUAL_PRIVATE",
        timeCreated: new Date(start + n * 60_000).toISOString(),
      },
      { seed: options.seed, prefix: "demo" },
    ),
  );
  const keys = await Promise.all(
    KEYS.map((demo, n) => {
      const vault = vaults.find((v) => v.displayName === demo.vault) as VaultRecord;
      return demoKey(demo, vault, options.seed, start + DAY_MS + n * 3_600_000, deleteAt);
    }),
  );
  return { tenancies: [tenancy], vaults, keys };
}
