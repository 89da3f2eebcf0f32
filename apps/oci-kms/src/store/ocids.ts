import { createHash, randomBytes } from "node:crypto";

/** OCI's three-letter region keys, for OCIDs (ocid1.key.oc1.iad....). Unknown regions use their first letters. */
const REGION_KEYS: Record<string, string> = {
  "us-ashburn-1": "iad",
  "us-phoenix-1": "phx",
  "us-sanjose-1": "sjc",
  "us-chicago-1": "ord",
  "ca-toronto-1": "yyz",
  "eu-frankfurt-1": "fra",
  "eu-amsterdam-1": "ams",
  "uk-london-1": "lhr",
  "ap-tokyo-1": "nrt",
  "ap-sydney-1": "syd",
};

export const regionKey = (region: string) => REGION_KEYS[region] ?? region.replace(/[^a-z]/g, "").slice(0, 3);

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** 60 base32 characters, like an OCID's unique part. */
function unique(bytes: Buffer): string {
  let out = "";
  for (let i = 0; i < 60; i++) out += BASE32[(bytes[i % bytes.length] ?? 0) % 32];
  return out;
}

export type OcidType = "tenancy" | "user" | "compartment" | "vault" | "key" | "keyversion";

/**
 * An OCID: `ocid1.<type>.oc1..<unique>` for global resources (tenancy, user, compartment),
 * `ocid1.<type>.oc1.<region key>.<unique>` for regional ones. With a label, the unique part derives
 * from the seed and the label (the demo tenancy's ids repeat across runs); without, it is random.
 */
export function ocid(type: OcidType, region?: string, seeded?: { seed: number; label: string }): string {
  const bytes = seeded
    ? Buffer.concat([0, 1].map((n) => createHash("sha256").update(`${seeded.seed}:${seeded.label}:${n}`).digest()))
    : randomBytes(60);
  const where = region === undefined ? "" : regionKey(region);
  return `ocid1.${type}.oc1.${where}.${unique(bytes)}`;
}
