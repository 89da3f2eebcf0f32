import { KmsError } from "../http/errors.ts";
import type { Group, KeyRecord, Keystore, KeyVersionRecord, Tenant } from "./records.ts";

export interface StoreContents {
  tenant: Tenant;
  keystores: Keystore[];
  groups: Group[];
  keys: KeyRecord[];
}

/**
 * The one tenant's groups and keys, in memory. Every change calls `onChange` (the state file
 * writer) before it returns, so an answered request is on disk.
 */
export class TenantStore {
  private readonly keystores = new Map<string, Keystore>();
  private readonly groups = new Map<string, Group>();
  private readonly keys = new Map<string, KeyRecord>();
  readonly tenant: Tenant;
  onChange: () => void = () => {};

  constructor(contents: StoreContents) {
    this.tenant = contents.tenant;
    for (const k of contents.keystores) this.keystores.set(k.id, k);
    for (const g of contents.groups) this.groups.set(g.id, g);
    for (const k of contents.keys) this.keys.set(k.id, k);
  }

  contents(): StoreContents {
    return {
      tenant: this.tenant,
      keystores: [...this.keystores.values()],
      groups: [...this.groups.values()],
      keys: [...this.keys.values()],
    };
  }

  keystore(id: string): Keystore | undefined {
    return this.keystores.get(id);
  }

  listKeystores(): Keystore[] {
    return [...this.keystores.values()];
  }

  group(id: string): Group | undefined {
    return this.groups.get(id);
  }

  listGroups(): Group[] {
    return [...this.groups.values()];
  }

  addGroup(group: Group): Group {
    if (!this.keystores.has(group.keystoreId)) throw new KmsError("BAD_REQUEST", `no keystore ${group.keystoreId}`);
    if ([...this.groups.values()].some((g) => g.name === group.name)) {
      throw new KmsError("CONFLICT", `a group named "${group.name}" exists`);
    }
    this.groups.set(group.id, group);
    this.onChange();
    return group;
  }

  key(id: string): KeyRecord | undefined {
    return this.keys.get(id);
  }

  listKeys(): KeyRecord[] {
    return [...this.keys.values()];
  }

  /** Checks what insertKey checks, so a handler can refuse before the slow part (key generation). */
  checkNewKey(groupId: string, name: string): void {
    if (!this.groups.has(groupId)) throw new KmsError("UNKNOWN_GROUP", `group ${groupId} does not exist`);
    for (const k of this.keys.values()) {
      if (k.groupId === groupId && k.name === name) {
        throw new KmsError("KEY_NAME_CONFLICT", `group ${groupId} already has a key named "${name}"`);
      }
    }
  }

  insertKey(key: KeyRecord): KeyRecord {
    this.checkNewKey(key.groupId, key.name);
    this.keys.set(key.id, key);
    this.onChange();
    return key;
  }

  /**
   * Many new keys at once (the admin bulk seed): every name is checked against the group and each
   * other before any key is stored, and `onChange` runs once.
   */
  insertKeys(keys: KeyRecord[]): void {
    const taken = new Set<string>();
    for (const k of this.keys.values()) taken.add(`${k.groupId} ${k.name}`);
    for (const key of keys) {
      if (!this.groups.has(key.groupId)) throw new KmsError("UNKNOWN_GROUP", `group ${key.groupId} does not exist`);
      const id = `${key.groupId} ${key.name}`;
      if (taken.has(id)) {
        throw new KmsError("KEY_NAME_CONFLICT", `group ${key.groupId} already has a key named "${key.name}"`);
      }
      taken.add(id);
    }
    for (const key of keys) this.keys.set(key.id, key);
    this.onChange();
  }

  /** Appends a version (numbered from 0) and makes it the primary one. */
  addVersion(keyId: string, version: Omit<KeyVersionRecord, "version">): KeyVersionRecord {
    const key = this.keys.get(keyId);
    if (key === undefined) throw new KmsError("NOT_FOUND", `key ${keyId} not found`);
    const record = { ...version, version: key.versions.length };
    key.versions.push(record);
    key.updated = record.created;
    this.onChange();
    return record;
  }

  deleteKey(id: string): boolean {
    const deleted = this.keys.delete(id);
    if (deleted) this.onChange();
    return deleted;
  }
}
