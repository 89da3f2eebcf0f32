import { generateMaterial } from "../crypto/material.ts";
import { seededUuid } from "./ids.ts";
import { type Curve, DEFAULT_OPERATIONS, type KeyType, type Operation, resolveKeySpec } from "./key-spec.ts";
import type { Group, KeyRecord, Keystore } from "./records.ts";
import type { StoreContents } from "./tenant-store.ts";

interface DemoKey {
  group: string;
  name: string;
  type: KeyType;
  size?: number;
  curve?: Curve;
  versions: number;
  exportable: boolean;
  enabled?: boolean;
  operations?: Operation[];
}

const KEYSTORES: Array<Omit<Keystore, "id">> = [
  { name: "aws-eu-central-1", provider: "AWS", region: "eu-central-1", type: "SAP_PROVIDED" },
  { name: "azure-westeurope", provider: "AZURE", region: "westeurope", type: "SAP_PROVIDED" },
  { name: "gcp-europe-west3", provider: "GCP", region: "europe-west3", type: "SAP_PROVIDED" },
];

const GROUPS = [
  { name: "demo-finance", description: "Finance applications", keystore: "aws-eu-central-1" },
  { name: "demo-hr", description: "HR applications", keystore: "azure-westeurope" },
  { name: "demo-analytics", description: "Analytics workloads", keystore: "gcp-europe-west3" },
];

const KEYS: DemoKey[] = [
  { group: "demo-finance", name: "finance-master-aes", type: "AES", size: 256, versions: 3, exportable: true },
  { group: "demo-finance", name: "finance-signing-rsa", type: "RSA", size: 2048, versions: 2, exportable: true },
  { group: "demo-finance", name: "finance-hsm-aes", type: "AES", size: 256, versions: 1, exportable: false },
  { group: "demo-hr", name: "hr-data-aes", type: "AES", size: 128, versions: 1, exportable: true },
  { group: "demo-hr", name: "hr-token-ec", type: "EC", curve: "P-256", versions: 2, exportable: true },
  {
    group: "demo-hr",
    name: "hr-locked-rsa",
    type: "RSA",
    size: 2048,
    versions: 1,
    exportable: false,
    enabled: false,
  },
  { group: "demo-analytics", name: "analytics-ec-p384", type: "EC", curve: "P-384", versions: 1, exportable: true },
  { group: "demo-analytics", name: "analytics-aes-192", type: "AES", size: 192, versions: 2, exportable: true },
];

/**
 * The demo tenant: one technical user, three groups (one per hyperscaler keystore) and keys of
 * every type, some non-exportable, some with several versions. Ids derive from the seed, so they
 * repeat from run to run; key material is fresh random bytes every time.
 */
export async function demoTenant(options: { seed: number; apiKey: string; secret: string }): Promise<StoreContents> {
  const { seed } = options;
  const created = new Date().toISOString();
  const userId = seededUuid(seed, "user:demo");
  const keystores = KEYSTORES.map((k) => ({ ...k, id: seededUuid(seed, `keystore:${k.name}`) }));
  const groups: Group[] = GROUPS.map((g) => ({
    id: seededUuid(seed, `group:${g.name}`),
    name: g.name,
    description: g.description,
    keystoreId: keystores.find((k) => k.name === g.keystore)?.id ?? "",
    created,
    creatorId: userId,
  }));
  const keys: KeyRecord[] = [];
  for (const demo of KEYS) {
    const spec = resolveKeySpec(demo);
    if (typeof spec === "string") throw new Error(`demo key ${demo.name}: ${spec}`);
    const versions = [];
    for (let version = 0; version < demo.versions; version++) {
      versions.push({ version, ...(await generateMaterial(spec)), imported: false, created, creatorId: userId });
    }
    keys.push({
      id: seededUuid(seed, `key:${demo.name}`),
      name: demo.name,
      description: `Demo ${demo.type} key`,
      groupId: groups.find((g) => g.name === demo.group)?.id ?? "",
      ...spec,
      operations: [...(demo.operations ?? DEFAULT_OPERATIONS[demo.type])],
      exportable: demo.exportable,
      enabled: demo.enabled ?? true,
      role: "UNSPECIFIED",
      created,
      updated: created,
      creatorId: userId,
      versions,
    });
  }
  return {
    tenant: {
      id: seededUuid(seed, "tenant:demo"),
      name: "demo",
      users: [{ id: userId, name: "demo-technical-user", apiKey: options.apiKey, secret: options.secret }],
    },
    keystores,
    groups,
    keys,
  };
}
