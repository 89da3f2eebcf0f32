import type { Keyring } from "@cckm/crypto";
import type { Db } from "@cckm/db";
import type { OciKeyVersion, OciKmsClient } from "@cckm/oci-kms-client";
import { InventoryError } from "../errors.ts";
import { type LocalKeyView, localKeyMaterial } from "../local-keys/local-keys.ts";
import type { OciKeyView } from "./keys.ts";
import { type OciVersionView, recordOciVersion } from "./version-reads.ts";

/** Whether a local key's material fits the OCI key (OCI's `length` is in bytes). */
function checkShape(key: OciKeyView, local: LocalKeyView): "AES" | "RSA" {
  const fits =
    (key.algorithm === "AES" && local.algorithm === "AES" && local.size === key.length * 8) ||
    (key.algorithm === "RSA" && local.algorithm === "RSA" && local.size === key.length * 8);
  if (!fits) {
    throw new InventoryError(
      "KEY_SHAPE_MISMATCH",
      `local key ${local.name} (${local.algorithm} ${local.size}) cannot be a version of this ${key.algorithm} key of ${key.length * 8} bits`,
    );
  }
  return local.algorithm as "AES" | "RSA";
}

/**
 * Uploads a local key's material as a new version of an OCI key (BYOK): opened from its seal,
 * wrapped under the vault's wrapping key by the client, wiped; the version is recorded as OCI
 * answered it (`cckm` origin). Nothing is written when OCI refuses.
 */
export async function uploadLocalKeyVersion(
  db: Db,
  keyring: Keyring,
  client: OciKmsClient,
  key: OciKeyView,
  local: LocalKeyView,
  call: (upload: () => Promise<OciKeyVersion>) => Promise<OciKeyVersion>,
): Promise<OciVersionView> {
  const algorithm = checkShape(key, local);
  const material = await localKeyMaterial(db, keyring, local.id);
  let made: OciKeyVersion;
  try {
    made = await call(() =>
      client.importKeyVersionMaterial(key.vault.managementEndpoint, key.keyOcid, { algorithm, material }),
    );
  } finally {
    material.fill(0);
  }
  return recordOciVersion(db, key.id, made, "cckm");
}
