import { SapKmsClient, type SapKmsClientConfig } from "@cckm/sap-kms-client";
import { spawnTs, type TestProcess } from "@cckm/testkit";

export const SAP_KMS_ENTRY = "apps/sap-kms/src/main.ts";
export const TEST_API_KEY = "test-technical-user";
export const TEST_SECRET = "test-secret-7f3a9c2e";
export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789";

export interface SapKmsProcess {
  url: string;
  process: TestProcess;
  admin: SapKmsAdmin;
  /** A client of the demo tenant; `config` overrides the defaults. */
  client(config?: Partial<SapKmsClientConfig>): SapKmsClient;
  stop(): Promise<void>;
}

/**
 * Spawns the simulator as a real process on a port of its own choosing (SAP_KMS_PORT=0) and waits
 * for the line that names its URL. Each test file starts its own.
 */
export async function startSapKms(
  options: { env?: Record<string, string>; args?: string[] } = {},
): Promise<SapKmsProcess> {
  const env = {
    SAP_KMS_PORT: "0",
    SAP_KMS_DEMO_API_KEY: TEST_API_KEY,
    SAP_KMS_DEMO_SECRET: TEST_SECRET,
    SAP_KMS_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SAP_KMS_FAULTS: "",
    SAP_KMS_STATE_FILE: "",
    ...options.env,
  };
  const child = spawnTs(SAP_KMS_ENTRY, env, options.args ?? []);
  const line = await child.waitForOutput(/sap-kms listening on /, 60_000);
  const url = /listening on (http:\/\/[^\s"]+)/.exec(line)?.[1];
  if (url === undefined) throw new Error(`no URL in ${line}`);
  return {
    url,
    process: child,
    admin: new SapKmsAdmin(url, env.SAP_KMS_ADMIN_TOKEN),
    client: (config = {}) =>
      new SapKmsClient({
        baseUrl: url,
        apiKey: TEST_API_KEY,
        secret: TEST_SECRET,
        timeoutMs: 5_000,
        allowPrivateEndpoints: true, // the simulator listens on 127.0.0.1
        ...config,
      }),
    stop: async () => {
      await child.stop();
    },
  };
}

export interface FaultRuleInput {
  route: string;
  [name: string]: unknown;
}

export interface RequestCount {
  route: string;
  keyId: string | null;
  total: number;
  byStatus: Record<string, number>;
}

/** The simulator's admin routes, for tests. */
export class SapKmsAdmin {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.url}/admin${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text === "" ? undefined : JSON.parse(text) };
  }

  private async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.call(method, path, body);
    if (answer.status >= 300)
      throw new Error(`admin ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as T;
  }

  async fingerprint(keyId: string, version: number): Promise<string> {
    const body = await this.ok<{ fingerprint: string }>("GET", `/keys/${keyId}/versions/${version}/fingerprint`);
    return body.fingerprint;
  }

  setFaults(faults: FaultRuleInput[]): Promise<{ faults: Array<FaultRuleInput & { id: string; used: number }> }> {
    return this.ok("PUT", "/faults", { faults });
  }

  addFault(fault: FaultRuleInput): Promise<FaultRuleInput & { id: string }> {
    return this.ok("POST", "/faults", fault);
  }

  async listFaults(): Promise<Array<FaultRuleInput & { id: string; used: number }>> {
    return (await this.ok<{ faults: Array<FaultRuleInput & { id: string; used: number }> }>("GET", "/faults")).faults;
  }

  async clearFaults(): Promise<void> {
    await this.ok("DELETE", "/faults");
  }

  async requests(filter: { route?: string; keyId?: string } = {}): Promise<RequestCount[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined) as [string, string][]);
    return (await this.ok<{ requests: RequestCount[] }>("GET", `/requests?${query}`)).requests;
  }

  async resetRequests(): Promise<void> {
    await this.ok("DELETE", "/requests");
  }

  /** Requests received for a route (and key). */
  async count(route: string, keyId?: string): Promise<number> {
    return (await this.requests({ route, keyId })).reduce((sum, c) => sum + c.total, 0);
  }

  async expireTokens(): Promise<number> {
    return (await this.ok<{ expired: number }>("POST", "/tokens/expire")).expired;
  }

  async createGroup(name: string): Promise<{ id: string; name: string }> {
    return this.ok("POST", "/groups", { name });
  }

  /** `count` exportable AES-256 keys named `<namePrefix>-<i>` in the group, in one call. */
  async bulkKeys(groupId: string, namePrefix: string, count: number): Promise<string[]> {
    const key = { groupId, type: "AES", size: 256, exportable: true };
    return (await this.ok<{ ids: string[] }>("POST", "/keys/bulk", { key, namePrefix, count })).ids;
  }

  /** When each tenant request from `since` (epoch ms) on arrived, oldest first. */
  async arrivalsSince(since: number): Promise<number[]> {
    return (await this.ok<{ arrivals: number[] }>("GET", `/requests/arrivals?since=${since}`)).arrivals;
  }
}
