import type { KeyType, NewKey, SapKmsClient } from "@cckm/sap-kms-client";
import { mapLimit, type Prng } from "./prng.ts";
import type { SapAdmin } from "./sap-admin.ts";

export interface SeededKey {
  sapKeyId: string;
  name: string;
  groupId: string;
  type: KeyType;
  versions: number;
  exportable: boolean;
  /** SHA-256 of each version's material at the start (the simulator's admin fingerprint), version 0 first. */
  fingerprints: string[];
  /** The inventory's id, once synchronized. */
  cckmKeyId: string;
}

const SHAPES: Record<KeyType, Array<Pick<NewKey, "size" | "curve">>> = {
  AES: [{ size: 128 }, { size: 192 }, { size: 256 }],
  RSA: [{ size: 2048 }],
  EC: [{ curve: "P-256" }, { curve: "P-384" }, { curve: "P-521" }],
};

/**
 * Creates `count` keys on SAP through its own routes, AES, RSA and EC in turn, each with 1–3 versions,
 * in groups of at most 300; about one in fifty is not exportable (its delete goes on without a backup).
 * Records each version's fingerprint.
 */
export async function seedKeys(
  sap: SapKmsClient,
  admin: SapAdmin,
  prng: Prng,
  count: number,
  runTag: string,
): Promise<SeededKey[]> {
  const groups: string[] = [];
  for (let g = 0; g < Math.ceil(count / 300); g++) groups.push((await admin.createGroup(`chaos-${runTag}-${g}`)).id);
  const types: KeyType[] = ["AES", "RSA", "EC"];
  const specs = Array.from({ length: count }, (_, i) => {
    const type = types[i % 3] as KeyType;
    return {
      name: `chaos-${i.toString().padStart(5, "0")}`,
      groupId: groups[i % groups.length] as string,
      type,
      shape: prng.pick(SHAPES[type]),
      versions: prng.int(1, 3),
      exportable: i % 50 !== 7,
    };
  });
  return mapLimit(specs, 8, async (spec) => {
    const key = await sap.createKey({
      name: spec.name,
      groupId: spec.groupId,
      type: spec.type,
      ...spec.shape,
      description: `chaos key ${spec.name}`,
      exportable: spec.exportable,
    });
    for (let v = 1; v < spec.versions; v++) await sap.createVersion(key.id);
    const fingerprints: string[] = [];
    for (let v = 0; v < spec.versions; v++) fingerprints.push((await admin.fingerprint(key.id, v)) ?? "");
    return {
      sapKeyId: key.id,
      name: spec.name,
      groupId: spec.groupId,
      type: spec.type,
      versions: spec.versions,
      exportable: spec.exportable,
      fingerprints,
      cckmKeyId: "",
    };
  });
}
