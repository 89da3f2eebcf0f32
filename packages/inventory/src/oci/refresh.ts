import type { Db } from "@cckm/db";
import type { OciKmsClient } from "@cckm/oci-kms-client";
import type { OciKeyView } from "./keys.ts";
import { recordOciKey, syncOciKeyVersions } from "./keys.ts";

/**
 * Re-reads a key and its versions from OCI, then writes both in one transaction (nothing is written
 * when a read fails). Returns the key as stored, or null when it left the inventory meanwhile.
 */
export async function refreshOciKey(db: Db, client: OciKmsClient, key: OciKeyView): Promise<OciKeyView | null> {
  const endpoint = key.vault.managementEndpoint;
  const fresh = await client.getKey(endpoint, key.keyOcid);
  const versions = await client.listKeyVersions(endpoint, key.keyOcid);
  return db.$transaction(async (tx) => {
    const stored = await recordOciKey(tx as Db, key.id, fresh);
    if (stored) await syncOciKeyVersions(tx as Db, key.id, fresh.currentKeyVersion, versions);
    return stored;
  });
}
