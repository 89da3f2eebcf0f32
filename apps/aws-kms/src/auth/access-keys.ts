/** One access key pair the simulator accepts, and the account (and IAM user) it belongs to. */
export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  /** Named in AccessDeniedException messages; `simulator-user` by default. */
  userName?: string;
}

const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const ACCOUNT_ID = /^\d{12}$/;

/** Checks one configured key pair; throws with a message that never repeats the secret. */
export function checkAccessKey(key: AccessKey): AccessKey {
  if (!ACCESS_KEY_ID.test(key.accessKeyId)) {
    throw new Error(`access key id "${key.accessKeyId}" must be 16-128 upper-case letters and digits`);
  }
  if (key.secretAccessKey.length < 16) throw new Error(`the secret of ${key.accessKeyId} must have 16+ characters`);
  if (!ACCOUNT_ID.test(key.accountId)) throw new Error(`account of ${key.accessKeyId} must be 12 digits`);
  return key;
}

/**
 * Reads `AWS_KMS_ACCESS_KEYS`: `accessKeyId:secretAccessKey:accountId[:userName]`, comma-separated.
 * Secrets may hold any character but `:` and `,`.
 */
export function parseAccessKeys(spec: string): AccessKey[] {
  return spec
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const [accessKeyId = "", secretAccessKey = "", accountId = "", userName, ...rest] = part.split(":");
      if (rest.length > 0 || accountId === "") {
        throw new Error(`access key "${accessKeyId}": expected accessKeyId:secretAccessKey:accountId[:userName]`);
      }
      return checkAccessKey({ accessKeyId, secretAccessKey, accountId, ...(userName ? { userName } : {}) });
    });
}

/** The configured key pairs by id. */
export class AccessKeys {
  private readonly byId = new Map<string, AccessKey>();

  constructor(keys: AccessKey[]) {
    for (const key of keys) {
      if (this.byId.has(key.accessKeyId)) throw new Error(`access key ${key.accessKeyId} is configured twice`);
      this.byId.set(key.accessKeyId, checkAccessKey(key));
    }
  }

  get(accessKeyId: string): AccessKey | undefined {
    return this.byId.get(accessKeyId);
  }

  /** The accounts that have at least one key pair. */
  accounts(): string[] {
    return [...new Set([...this.byId.values()].map((k) => k.accountId))];
  }

  /** Key ids and accounts, never secrets (for logs and the admin routes). */
  toJSON() {
    return [...this.byId.values()].map((k) => ({ accessKeyId: k.accessKeyId, accountId: k.accountId }));
  }
}
