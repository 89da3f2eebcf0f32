import { notFound, OciApiError } from "../http/errors.ts";
import { settleKey } from "./lifecycle.ts";
import type { ApiKey, KeyRecord, KeyVersionRecord, Tenancy, User, VaultRecord } from "./records.ts";

export interface StoreContents {
  tenancies: Tenancy[];
  vaults: VaultRecord[];
  keys: KeyRecord[];
}

export interface Caller {
  tenancy: Tenancy;
  user: User;
  apiKey: ApiKey;
}

/**
 * Every tenancy, vault and key of one simulator, in memory. Reads settle due lifecycle transitions
 * first (`now` is the simulator's clock). Every change calls `onChange` (the state file writer)
 * before it returns, so an answered request is on disk.
 */
export class OciStore {
  private readonly tenancies = new Map<string, Tenancy>();
  private readonly vaults = new Map<string, VaultRecord>();
  private readonly keys = new Map<string, KeyRecord>();
  onChange: () => void = () => {};

  constructor(
    contents: StoreContents,
    private readonly now: () => number,
  ) {
    for (const t of contents.tenancies) this.tenancies.set(t.id, t);
    for (const v of contents.vaults) this.vaults.set(v.id, v);
    for (const k of contents.keys) this.keys.set(k.id, k);
  }

  contents(): StoreContents {
    return {
      tenancies: [...this.tenancies.values()],
      vaults: [...this.vaults.values()],
      keys: [...this.keys.values()],
    };
  }

  /** The registered API key behind a signature's keyId `<tenancy>/<user>/<fingerprint>`. */
  caller(tenancyId: string, userId: string, fingerprint: string): Caller | undefined {
    const tenancy = this.tenancies.get(tenancyId);
    const user = tenancy?.users.find((u) => u.id === userId);
    const apiKey = user?.apiKeys.find((k) => k.fingerprint.toLowerCase() === fingerprint.toLowerCase());
    return tenancy && user && apiKey ? { tenancy, user, apiKey } : undefined;
  }

  listTenancies(): Tenancy[] {
    return [...this.tenancies.values()];
  }

  tenancy(id: string): Tenancy | undefined {
    return this.tenancies.get(id);
  }

  addTenancy(tenancy: Tenancy): Tenancy {
    if (this.tenancies.has(tenancy.id)) throw new OciApiError("Conflict", `tenancy ${tenancy.id} exists`);
    this.tenancies.set(tenancy.id, tenancy);
    this.onChange();
    return tenancy;
  }

  /** Whether a compartment (or the tenancy itself, its root compartment) belongs to the tenancy. */
  hasCompartment(tenancy: Tenancy, compartmentId: string): boolean {
    return compartmentId === tenancy.id || tenancy.compartments.some((c) => c.id === compartmentId);
  }

  listVaults(tenancyId: string): VaultRecord[] {
    return [...this.vaults.values()].filter((v) => v.tenancyId === tenancyId);
  }

  allVaults(): VaultRecord[] {
    return [...this.vaults.values()];
  }

  /** A vault of the caller's tenancy; any other is NotAuthorizedOrNotFound. */
  vault(tenancyId: string, vaultId: string): VaultRecord {
    const vault = this.vaults.get(vaultId);
    if (vault === undefined || vault.tenancyId !== tenancyId) throw notFound(`vault ${vaultId}`);
    return vault;
  }

  addVault(vault: VaultRecord): VaultRecord {
    this.vaults.set(vault.id, vault);
    this.onChange();
    return vault;
  }

  /** The vault's keys, settled. */
  listKeys(vaultId: string): KeyRecord[] {
    return [...this.keys.values()].filter((k) => k.vaultId === vaultId).map((k) => this.settled(k));
  }

  /** A key of the vault, settled; any other is NotAuthorizedOrNotFound. */
  key(vaultId: string, keyId: string): KeyRecord {
    const key = this.keys.get(keyId);
    if (key === undefined || key.vaultId !== vaultId) throw notFound(`key ${keyId}`);
    return this.settled(key);
  }

  version(vaultId: string, keyId: string, versionId: string): { key: KeyRecord; version: KeyVersionRecord } {
    const key = this.key(vaultId, keyId);
    const version = key.versions.find((v) => v.id === versionId);
    if (version === undefined) throw notFound(`key version ${versionId}`);
    return { key, version };
  }

  /** Any key by OCID (admin routes). */
  anyKey(keyId: string): KeyRecord | undefined {
    const key = this.keys.get(keyId);
    return key === undefined ? undefined : this.settled(key);
  }

  insertKey(key: KeyRecord): KeyRecord {
    this.keys.set(key.id, key);
    this.onChange();
    return key;
  }

  /** Records a change a handler made to a key it got from here. */
  changed(): void {
    this.onChange();
  }

  /** Applies every due transition now; returns how many keys changed. */
  settleAll(): number {
    let changed = 0;
    for (const key of this.keys.values()) if (settleKey(key, this.now())) changed++;
    if (changed > 0) this.onChange();
    return changed;
  }

  /** Ends every transitional state now, however long it had left (admin: demos with a delay). */
  finishTransitions(): number {
    for (const key of this.keys.values()) {
      for (const item of [key, ...key.versions]) if (item.transition) item.transition.at = Number.NEGATIVE_INFINITY;
    }
    return this.settleAll();
  }

  private settled(key: KeyRecord): KeyRecord {
    if (settleKey(key, this.now())) this.onChange();
    return key;
  }
}
