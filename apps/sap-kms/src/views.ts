import type { Group, KeyRecord, KeyVersionRecord } from "./store/records.ts";
import type { TenantStore } from "./store/tenant-store.ts";

/** SAP's JSON shapes for groups, keys and versions. Never includes material. */

export function keystoreView(store: TenantStore, keystoreId: string) {
  const k = store.keystore(keystoreId);
  return k === undefined ? null : { id: k.id, name: k.name, provider: k.provider, region: k.region, type: k.type };
}

export function groupView(store: TenantStore, group: Group, expandKeystore: boolean) {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    keystoreId: group.keystoreId,
    meta: { created: group.created, creatorId: group.creatorId },
    ...(expandKeystore ? { keystore: keystoreView(store, group.keystoreId) } : {}),
  };
}

export function keyView(store: TenantStore, key: KeyRecord) {
  const group = store.group(key.groupId);
  const keystore = group === undefined ? undefined : store.keystore(group.keystoreId);
  const primaryVersion = key.versions.length - 1;
  return {
    id: key.id,
    name: key.name,
    description: key.description,
    type: key.type,
    size: key.size,
    ...(key.curve !== undefined ? { curve: key.curve } : {}),
    groupId: key.groupId,
    role: key.role,
    enabled: key.enabled,
    exportable: key.exportable,
    operations: key.operations,
    state: key.enabled ? "ENABLED" : "DISABLED",
    keystoreContext: {
      keystoreId: keystore?.id ?? null,
      provider: keystore?.provider ?? null,
      region: keystore?.region ?? null,
    },
    meta: {
      primaryVersion,
      totalVersions: key.versions.length,
      created: key.created,
      updated: key.updated,
      creatorId: key.creatorId,
      imported: key.versions.some((v) => v.imported),
    },
  };
}

export function versionView(key: KeyRecord, version: KeyVersionRecord) {
  return {
    keyId: key.id,
    version: version.version,
    primary: version.version === key.versions.length - 1,
    state: key.enabled ? "ENABLED" : "DISABLED",
    meta: { created: version.created, creatorId: version.creatorId, imported: version.imported },
  };
}
