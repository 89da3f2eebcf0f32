import { defaultKeyPolicy } from "./default-policy.ts";
import { seededUuid } from "./ids.ts";
import type { KeySpec, KeyState, KeyUsage } from "./key-spec.ts";
import type { StoreContents } from "./key-store.ts";
import type { AliasRecord, KeyRecord, Tag } from "./records.ts";

export const DEMO_REGIONS = ["us-east-1", "eu-west-1"] as const;

interface DemoKey {
  name: string;
  region: (typeof DEMO_REGIONS)[number];
  keySpec?: KeySpec;
  keyUsage?: KeyUsage;
  origin?: "AWS_KMS" | "EXTERNAL";
  state?: KeyState;
  /** For keys pending deletion: days until they go. */
  deletionInDays?: number;
  rotation?: boolean;
  alias?: boolean;
  tags?: Record<string, string>;
}

const DAY = 86_400_000;

const KEYS: DemoKey[] = [
  { name: "demo-app-data", region: "us-east-1", alias: true, rotation: true, tags: { env: "demo", team: "payments" } },
  { name: "demo-signing-rsa", region: "us-east-1", keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY", alias: true },
  { name: "demo-disabled", region: "us-east-1", state: "Disabled", tags: { env: "demo" } },
  { name: "demo-pending-deletion", region: "us-east-1", state: "PendingDeletion", deletionInDays: 7 },
  { name: "demo-external", region: "us-east-1", origin: "EXTERNAL", state: "PendingImport" },
  { name: "demo-eu-data", region: "eu-west-1", alias: true, tags: { env: "demo", residency: "eu" } },
  { name: "demo-eu-ecc", region: "eu-west-1", keySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" },
  { name: "demo-eu-pending-deletion", region: "eu-west-1", state: "PendingDeletion", deletionInDays: 30 },
];

const toTags = (tags: Record<string, string> = {}): Tag[] =>
  Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));

/**
 * The demo account: keys of several specs in two regions, in every state the orchestrator meets
 * (enabled, disabled, pending deletion, pending import), some with aliases and tags. Ids derive
 * from the seed, so they repeat from run to run.
 */
export function demoAccount(options: { seed: number; accountId: string; now: number }): StoreContents {
  const { seed, accountId, now } = options;
  const keys: KeyRecord[] = [];
  const aliases: AliasRecord[] = [];
  KEYS.forEach((demo, seq) => {
    const keyId = seededUuid(seed, `key:${accountId}:${demo.name}`);
    const state = demo.state ?? "Enabled";
    const pending = state === "PendingDeletion";
    keys.push({
      keyId,
      account: accountId,
      region: demo.region,
      seq,
      creationDate: now,
      description: `Demo key ${demo.name}`,
      keySpec: demo.keySpec ?? "SYMMETRIC_DEFAULT",
      keyUsage: demo.keyUsage ?? "ENCRYPT_DECRYPT",
      origin: demo.origin ?? "AWS_KMS",
      state,
      ...(pending ? { deletionDate: now + (demo.deletionInDays ?? 30) * DAY } : {}),
      ...(pending ? { pendingWindowInDays: demo.deletionInDays ?? 30 } : {}),
      policy: defaultKeyPolicy(accountId),
      tags: toTags(demo.tags),
      rotation: demo.rotation
        ? { enabled: true, periodInDays: 365, nextRotationDate: now + 365 * DAY }
        : { enabled: false, periodInDays: 365 },
    });
    if (demo.alias) {
      aliases.push({
        aliasName: `alias/${demo.name}`,
        account: accountId,
        region: demo.region,
        targetKeyId: keyId,
        creationDate: now,
        lastUpdatedDate: now,
      });
    }
  });
  return { nextSeq: keys.length, keys, aliases };
}
