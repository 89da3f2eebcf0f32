import { spawnTs, type TestProcess } from "@cckm/testkit";

export const AWS_KMS_ENTRY = "apps/aws-kms/src/main.ts";
export const AWS_ACCOUNT_ID = "111122223333";
export const AWS_ACCESS_KEY_ID = "AKIAAWSKMSSIMDEMO001";
export const AWS_SECRET_ACCESS_KEY = "test-aws-secret-0a1b2c3d4e5f60718293";
export const AWS_ADMIN_TOKEN = "test-aws-admin-token-0123456789";

export interface AwsKmsProcess {
  url: string;
  process: TestProcess;
  admin: AwsKmsAdmin;
  stop(): Promise<void>;
}

/**
 * Spawns the AWS KMS simulator as a real process (AWS_KMS_PORT=0 unless `port` is given) with the
 * demo account under a secret of the tests' own, and waits for the line that names its URL.
 */
export async function startAwsKms(options: { port?: number; env?: Record<string, string> } = {}) {
  const env = {
    AWS_KMS_PORT: String(options.port ?? 0),
    AWS_KMS_DEMO_ACCESS_KEY_ID: AWS_ACCESS_KEY_ID,
    AWS_KMS_DEMO_SECRET_ACCESS_KEY: AWS_SECRET_ACCESS_KEY,
    AWS_KMS_DEMO_ACCOUNT_ID: AWS_ACCOUNT_ID,
    AWS_KMS_ADMIN_TOKEN: AWS_ADMIN_TOKEN,
    AWS_KMS_FAULTS: "",
    AWS_KMS_STATE_FILE: "",
    ...options.env,
  };
  const child = spawnTs(AWS_KMS_ENTRY, env);
  const line = await child.waitForOutput(/aws-kms listening on /, 60_000);
  const url = /listening on (http:\/\/[^\s"]+)/.exec(line)?.[1];
  if (url === undefined) throw new Error(`no URL in ${line}`);
  return {
    url,
    process: child,
    admin: new AwsKmsAdmin(url, AWS_ADMIN_TOKEN),
    stop: async () => void (await child.stop()),
  } satisfies AwsKmsProcess;
}

/** A key as the simulator's admin route shows it. */
export interface SimulatedKey {
  Region: string;
  KeyMetadata: { KeyId: string; Arn: string; KeyState: string; Enabled: boolean; DeletionDate?: unknown };
  Aliases: { AliasName?: string }[];
  Tags: { TagKey: string; TagValue: string }[];
  KeyRotationEnabled: boolean;
}

/** The simulator's admin routes (no signing, no faults), for tests. */
export class AwsKmsAdmin {
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
    if (res.status >= 300) throw new Error(`admin ${method} ${path}: ${res.status} ${text}`);
    return { status: res.status, body: text === "" ? undefined : JSON.parse(text) };
  }

  async keys(filter: { account?: string; region?: string } = {}): Promise<SimulatedKey[]> {
    const query = new URLSearchParams(filter as Record<string, string>);
    return ((await this.call("GET", `/keys?${query}`)).body as { keys: SimulatedKey[] }).keys;
  }

  async key(keyId: string): Promise<SimulatedKey | undefined> {
    return (await this.keys()).find((k) => k.KeyMetadata.KeyId === keyId);
  }

  async addFault(rule: { operation: string; [name: string]: unknown }): Promise<{ id: string }> {
    return (await this.call("POST", "/faults", rule)).body as { id: string };
  }

  /** Requests the simulator received for an operation (every status). */
  async count(operation: string): Promise<number> {
    const body = (await this.call("GET", `/requests?operation=${operation}`)).body as { requests: { total: number }[] };
    return body.requests.reduce((sum, r) => sum + r.total, 0);
  }

  async resetRequests(): Promise<void> {
    await this.call("DELETE", "/requests");
  }

  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/faults");
  }
}
