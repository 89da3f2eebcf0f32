import type { KeyRecord, KeyVersionRecord, VaultRecord } from "./store/records.ts";

/** OCI's JSON shapes (the SDK's models: Vault, VaultSummary, Key, KeySummary, KeyVersion, ...). */
export const endpointsOf = (vault: VaultRecord, base: string) => ({
  managementEndpoint: `${base}/vaults/${vault.id}/management`,
  cryptoEndpoint: `${base}/vaults/${vault.id}/crypto`,
});

export function vaultSummaryView(vault: VaultRecord, base: string) {
  return {
    compartmentId: vault.compartmentId,
    ...endpointsOf(vault, base),
    definedTags: vault.definedTags,
    displayName: vault.displayName,
    freeformTags: vault.freeformTags,
    id: vault.id,
    lifecycleState: "ACTIVE",
    timeCreated: vault.timeCreated,
    vaultType: vault.vaultType,
  };
}

export function vaultView(vault: VaultRecord, base: string) {
  return {
    ...vaultSummaryView(vault, base),
    wrappingkeyId: vault.wrappingKey.id,
    isPrimary: true,
    isVaultReplicable: false,
  };
}

export function keySummaryView(key: KeyRecord) {
  return {
    compartmentId: key.compartmentId,
    definedTags: key.definedTags,
    displayName: key.displayName,
    freeformTags: key.freeformTags,
    id: key.id,
    lifecycleState: key.state,
    timeCreated: key.timeCreated,
    vaultId: key.vaultId,
    protectionMode: key.protectionMode,
    algorithm: key.algorithm,
    isAutoRotationEnabled: false,
  };
}

export function keyView(key: KeyRecord) {
  const { algorithm, ...summary } = keySummaryView(key);
  return {
    ...summary,
    currentKeyVersion: key.currentKeyVersion,
    keyShape: { algorithm, length: key.length, ...(key.curveId ? { curveId: key.curveId } : {}) },
    ...(key.timeOfDeletion ? { timeOfDeletion: key.timeOfDeletion } : {}),
    isPrimary: true,
  };
}

export function keyVersionSummaryView(version: KeyVersionRecord) {
  return {
    compartmentId: version.compartmentId,
    id: version.id,
    keyId: version.keyId,
    lifecycleState: version.state,
    origin: version.origin,
    timeCreated: version.timeCreated,
    ...(version.timeOfDeletion ? { timeOfDeletion: version.timeOfDeletion } : {}),
    vaultId: version.vaultId,
    isAutoRotated: false,
  };
}

export function keyVersionView(version: KeyVersionRecord) {
  return {
    ...keyVersionSummaryView(version),
    ...(version.publicKeyPem ? { publicKey: version.publicKeyPem } : {}),
    isPrimary: true,
  };
}
