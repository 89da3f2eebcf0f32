import type { Db } from "@cckm/db";
import type { OciKmsClient } from "@cckm/oci-kms-client";
import { markVanishedOciKeys, syncOciKeyVersions, upsertOciKey } from "./keys.ts";
import { type OciVaultView, vaultsToSync } from "./vaults.ts";

export interface OciVaultSyncDetail {
  vault_id: string;
  vault_name: string;
  keys: number;
  gone: number;
}

export interface OciSyncDetails {
  vaults: OciVaultSyncDetail[];
}

export interface OciSyncTarget {
  id: string;
  connectionId: string;
  tenancyOcid: string;
  /** CM vault ids; none: every vault of the connection. */
  vaults: string[];
  compartments: string[];
}

/**
 * Brings the keys (and their versions) of a connection's vaults in: each key upserted by OCID, so a
 * second run updates the same rows; the keys OCI no longer lists (in the compartments listed) are
 * marked `gone`. Each step is safe to run twice. `stopRequested` is asked between vaults.
 */
export async function runOciSync(
  db: Db,
  client: OciKmsClient,
  target: OciSyncTarget,
  options: { stopRequested?: () => Promise<boolean> } = {},
): Promise<OciSyncDetails> {
  const details: OciSyncDetails = { vaults: [] };
  for (const vault of await vaultsToSync(db, target.connectionId, target.vaults)) {
    if (options.stopRequested && (await options.stopRequested())) break;
    details.vaults.push(await syncVault(db, client, vault, target));
  }
  return details;
}

async function syncVault(
  db: Db,
  client: OciKmsClient,
  vault: OciVaultView,
  target: OciSyncTarget,
): Promise<OciVaultSyncDetail> {
  const compartments = [...new Set([vault.compartmentId, target.tenancyOcid, ...target.compartments])];
  const seen: string[] = [];
  for (const compartment of compartments) {
    const summaries = await client.listKeys(vault.managementEndpoint, compartment);
    for (const summary of summaries) {
      if (summary.vaultId !== vault.vaultOcid) continue;
      const key = await client.getKey(vault.managementEndpoint, summary.id);
      const versions = await client.listKeyVersions(vault.managementEndpoint, key.id);
      const id = await upsertOciKey(db, vault.id, key);
      await syncOciKeyVersions(db, id, key.currentKeyVersion, versions);
      seen.push(key.id);
    }
  }
  const gone = await markVanishedOciKeys(db, vault.id, compartments, seen);
  return { vault_id: vault.id, vault_name: vault.displayName, keys: seen.length, gone };
}
