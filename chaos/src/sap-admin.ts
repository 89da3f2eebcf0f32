/** The simulator's admin routes the run uses (faults, fingerprints, groups): ids and digests only. */
export interface FaultRule {
  route: string;
  [field: string]: unknown;
}

export class SapAdmin {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/admin${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`simulator admin ${method} ${path}: ${res.status}`);
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  async faults(): Promise<Array<FaultRule & { id: string; used: number }>> {
    return (await this.call<{ faults: Array<FaultRule & { id: string; used: number }> }>("GET", "/faults")).faults;
  }

  async setFaults(faults: FaultRule[]): Promise<void> {
    await this.call("PUT", "/faults", { faults });
  }

  /** Hex SHA-256 of a version's material, or null when SAP holds no such key or version. */
  async fingerprint(keyId: string, version: number): Promise<string | null> {
    const res = await fetch(`${this.url}/admin/keys/${keyId}/versions/${version}/fingerprint`, {
      headers: { authorization: `Bearer ${this.token}` },
      signal: AbortSignal.timeout(30_000),
    });
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`simulator fingerprint: ${res.status}`);
    return ((await res.json()) as { fingerprint: string }).fingerprint;
  }

  async createGroup(name: string): Promise<{ id: string; name: string }> {
    return this.call("POST", "/groups", { name });
  }
}
