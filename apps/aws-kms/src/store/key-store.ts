import type { AliasRecord, KeyRecord } from "./records.ts";

export interface StoreContents {
  /** The next key's `seq`. */
  nextSeq: number;
  keys: KeyRecord[];
  aliases: AliasRecord[];
}

/** Keys and aliases live per account and region, as in AWS. */
const where = (account: string, region: string) => `${account}/${region}`;

/**
 * Every account's keys and aliases, in memory. Every change calls `onChange` (the state file writer)
 * before it returns, so an answered request is on disk.
 */
export class KeyStore {
  private readonly keys = new Map<string, Map<string, KeyRecord>>();
  private readonly aliases = new Map<string, Map<string, AliasRecord>>();
  private nextSeq: number;
  onChange: () => void = () => {};

  constructor(contents: StoreContents) {
    this.nextSeq = contents.nextSeq;
    for (const k of contents.keys) this.partition(this.keys, k.account, k.region).set(k.keyId, k);
    for (const a of contents.aliases) this.partition(this.aliases, a.account, a.region).set(a.aliasName, a);
  }

  private partition<T>(maps: Map<string, Map<string, T>>, account: string, region: string): Map<string, T> {
    const id = where(account, region);
    let map = maps.get(id);
    if (map === undefined) {
      map = new Map();
      maps.set(id, map);
    }
    return map;
  }

  contents(): StoreContents {
    return {
      nextSeq: this.nextSeq,
      keys: [...this.keys.values()].flatMap((m) => [...m.values()]),
      aliases: [...this.aliases.values()].flatMap((m) => [...m.values()]),
    };
  }

  /** A region's keys in creation order. */
  listKeys(account: string, region: string): KeyRecord[] {
    return [...(this.keys.get(where(account, region))?.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }

  allKeys(): KeyRecord[] {
    return this.contents().keys.sort((a, b) => a.seq - b.seq);
  }

  key(account: string, region: string, keyId: string): KeyRecord | undefined {
    return this.keys.get(where(account, region))?.get(keyId);
  }

  /** Adds a key, numbering it in creation order. */
  insertKey(key: Omit<KeyRecord, "seq">): KeyRecord {
    const record = { ...key, seq: this.nextSeq++ };
    this.partition(this.keys, key.account, key.region).set(key.keyId, record);
    this.onChange();
    return record;
  }

  /** Applies a change to a stored key and saves it. */
  updateKey(key: KeyRecord, change: (key: KeyRecord) => void): KeyRecord {
    change(key);
    this.onChange();
    return key;
  }

  /** A region's aliases by name. */
  listAliases(account: string, region: string): AliasRecord[] {
    const map = this.aliases.get(where(account, region));
    return [...(map?.values() ?? [])].sort((a, b) => (a.aliasName < b.aliasName ? -1 : 1));
  }

  alias(account: string, region: string, aliasName: string): AliasRecord | undefined {
    return this.aliases.get(where(account, region))?.get(aliasName);
  }

  insertAlias(alias: AliasRecord): AliasRecord {
    this.partition(this.aliases, alias.account, alias.region).set(alias.aliasName, alias);
    this.onChange();
    return alias;
  }

  deleteAlias(account: string, region: string, aliasName: string): boolean {
    const deleted = this.aliases.get(where(account, region))?.delete(aliasName) ?? false;
    if (deleted) this.onChange();
    return deleted;
  }

  /**
   * Deletes every key whose deletion date has come, with its aliases, as KMS does at the end of the
   * waiting period. Returns the ids deleted.
   */
  purgeDeleted(now: number): string[] {
    const deleted: string[] = [];
    for (const [id, map] of this.keys) {
      for (const key of map.values()) {
        if (key.state !== "PendingDeletion" || key.deletionDate === undefined || key.deletionDate > now) continue;
        map.delete(key.keyId);
        deleted.push(key.keyId);
        const aliases = this.aliases.get(id);
        for (const alias of aliases?.values() ?? []) {
          if (alias.targetKeyId === key.keyId) aliases?.delete(alias.aliasName);
        }
      }
    }
    if (deleted.length > 0) this.onChange();
    return deleted;
  }
}
