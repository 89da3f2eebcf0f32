import { inspect } from "node:util";
import {
  type AliasListEntry,
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  type KeyListEntry,
  type KeyMetadata,
  type KeySpec,
  type KeyState,
  type KeyUsageType,
  type KMSClient,
  paginateListAliases,
  paginateListKeys,
  paginateListResourceTags,
  ScheduleKeyDeletionCommand,
  type Tag,
} from "@aws-sdk/client-kms";
import { classifyError } from "./classify.ts";
import { type AwsKmsClientOptions, type AwsKmsConnection, connectionProblem, describeConnection } from "./config.ts";
import { AwsKmsError, type AwsKmsErrorCode } from "./errors.ts";
import { sdkClients } from "./sdk-clients.ts";

/** What CreateKey takes: AWS's defaults are a symmetric ENCRYPT_DECRYPT key made by KMS. */
export interface NewAwsKey {
  keySpec?: KeySpec;
  keyUsage?: KeyUsageType;
  description?: string;
  tags?: Record<string, string>;
  origin?: "AWS_KMS" | "EXTERNAL";
  /** A key policy (JSON text); AWS's default policy when omitted. */
  policy?: string;
}

export interface KeyRotationStatus {
  enabled: boolean;
  rotationPeriodInDays?: number;
  nextRotationDate?: Date;
}

export interface ScheduledDeletion {
  /** AWS answers with the key's ARN. */
  keyArn: string;
  deletionDate?: Date;
  keyState?: KeyState;
  pendingWindowInDays?: number;
}

const silent = { debug() {}, warn() {} };
const EXPECTED: ReadonlySet<AwsKmsErrorCode> = new Set(["NOT_FOUND", "INVALID_STATE", "ALREADY_EXISTS", "VALIDATION"]);

/**
 * AWS KMS for one connection, through the official SDK: the operations the orchestrator needs, each
 * error an AwsKmsError (code, transient), bounded retries and a timeout per attempt. The secret access
 * key stays inside: this object's JSON, string and inspect forms leave it out, and errors never carry it.
 */
export class AwsKmsClient {
  readonly #connection: AwsKmsConnection;
  readonly #options: AwsKmsClientOptions;
  /** Retries everything but client errors (throttling, 5xx, timeouts, connection errors). */
  readonly #sdk: KMSClient;
  /** For CreateKey: retries only what KMS cannot have received, since it does not deduplicate creates. */
  readonly #sdkUnreceived: KMSClient;

  constructor(connection: AwsKmsConnection, options: AwsKmsClientOptions = {}) {
    const problem = connectionProblem(connection);
    if (problem !== undefined) {
      throw new AwsKmsError("INVALID_CONFIG", `AWS connection: ${problem}`, { operation: "connect" });
    }
    const { endpoint } = connection;
    if (endpoint !== undefined && options.endpoints?.refusalOfLiteral(new URL(endpoint).hostname) !== undefined) {
      throw new AwsKmsError("ENDPOINT_FORBIDDEN", `AWS connection: endpoint ${endpoint} may not be reached`, {
        operation: "connect",
      });
    }
    this.#connection = { ...connection };
    this.#options = { ...options };
    const clients = sdkClients(this.#connection, this.#options);
    this.#sdk = clients.retrying;
    this.#sdkUnreceived = clients.unreceived;
  }

  /** Runs one operation: timing, logging, and every failure classified. */
  async #run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const logger = this.#options.logger ?? silent;
    try {
      const result = await work();
      const ms = Math.round(performance.now() - started);
      logger.debug({ operation, region: this.#connection.region, ms }, "aws kms call");
      this.#options.observe?.({ operation, ms });
      return result;
    } catch (thrown) {
      const error = classifyError(operation, thrown, this.#connection.secretAccessKey);
      const ms = Math.round(performance.now() - started);
      const fields = { operation, region: this.#connection.region, code: error.code, status: error.status, ms };
      // Answers a caller expects now and then (no such key, wrong state) are not warnings.
      const log = EXPECTED.has(error.code) ? logger.debug : logger.warn;
      log.call(logger, { ...fields, awsCode: error.awsCode, attempts: error.attempts }, "aws kms call failed");
      this.#options.observe?.({
        operation,
        code: error.code,
        ms,
        ...(error.attempts ? { attempts: error.attempts } : {}),
      });
      throw error;
    }
  }

  #invalid(operation: string, what: string): AwsKmsError {
    return new AwsKmsError("INVALID_RESPONSE", `${operation}: the answer has no ${what}`, { operation });
  }

  async createKey(key: NewAwsKey = {}): Promise<KeyMetadata> {
    const tags = Object.entries(key.tags ?? {}).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
    const command = new CreateKeyCommand({
      KeySpec: key.keySpec,
      KeyUsage: key.keyUsage,
      Description: key.description,
      Origin: key.origin,
      Policy: key.policy,
      ...(tags.length > 0 ? { Tags: tags } : {}),
    });
    const out = await this.#run("CreateKey", () => this.#sdkUnreceived.send(command));
    if (out.KeyMetadata?.KeyId === undefined) throw this.#invalid("CreateKey", "KeyMetadata");
    return out.KeyMetadata;
  }

  /** By key id, key ARN, alias name (`alias/...`) or alias ARN. */
  async describeKey(keyId: string): Promise<KeyMetadata> {
    const out = await this.#run("DescribeKey", () => this.#sdk.send(new DescribeKeyCommand({ KeyId: keyId })));
    if (out.KeyMetadata?.KeyId === undefined) throw this.#invalid("DescribeKey", "KeyMetadata");
    return out.KeyMetadata;
  }

  /** Every key of the region, page after page (`pageSize` 1-1000 per request; AWS's 100 by default). */
  listKeys(options: { pageSize?: number } = {}): Promise<KeyListEntry[]> {
    return this.#run("ListKeys", async () => {
      const keys: KeyListEntry[] = [];
      const pages = paginateListKeys(
        { client: this.#sdk, ...(options.pageSize ? { pageSize: options.pageSize } : {}) },
        {},
      );
      for await (const page of pages) keys.push(...(page.Keys ?? []));
      return keys;
    });
  }

  /** Every alias of the region, or of one key (key id or ARN). */
  listAliases(options: { keyId?: string; pageSize?: number } = {}): Promise<AliasListEntry[]> {
    return this.#run("ListAliases", async () => {
      const aliases: AliasListEntry[] = [];
      const config = { client: this.#sdk, ...(options.pageSize ? { pageSize: options.pageSize } : {}) };
      for await (const page of paginateListAliases(config, { KeyId: options.keyId })) {
        aliases.push(...(page.Aliases ?? []));
      }
      return aliases;
    });
  }

  /** The key's `default` policy, as its JSON text. */
  async getKeyPolicy(keyId: string): Promise<string> {
    const out = await this.#run("GetKeyPolicy", () => this.#sdk.send(new GetKeyPolicyCommand({ KeyId: keyId })));
    if (out.Policy === undefined) throw this.#invalid("GetKeyPolicy", "Policy");
    return out.Policy;
  }

  /** Every tag of the key. */
  listResourceTags(keyId: string): Promise<Tag[]> {
    return this.#run("ListResourceTags", async () => {
      const tags: Tag[] = [];
      for await (const page of paginateListResourceTags({ client: this.#sdk }, { KeyId: keyId })) {
        tags.push(...(page.Tags ?? []));
      }
      return tags;
    });
  }

  async getKeyRotationStatus(keyId: string): Promise<KeyRotationStatus> {
    const command = new GetKeyRotationStatusCommand({ KeyId: keyId });
    const out = await this.#run("GetKeyRotationStatus", () => this.#sdk.send(command));
    return {
      enabled: out.KeyRotationEnabled === true,
      ...(out.RotationPeriodInDays !== undefined ? { rotationPeriodInDays: out.RotationPeriodInDays } : {}),
      ...(out.NextRotationDate !== undefined ? { nextRotationDate: out.NextRotationDate } : {}),
    };
  }

  /** Deletes the key after `days` (a whole number, 7-30, as AWS allows; checked here before any request). */
  async scheduleKeyDeletion(keyId: string, days: number): Promise<ScheduledDeletion> {
    if (!Number.isInteger(days) || days < 7 || days > 30) {
      throw new AwsKmsError(
        "VALIDATION",
        `ScheduleKeyDeletion: days must be a whole number from 7 to 30, not ${days}`,
        {
          operation: "ScheduleKeyDeletion",
        },
      );
    }
    const command = new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: days });
    const out = await this.#run("ScheduleKeyDeletion", () => this.#sdk.send(command));
    if (out.KeyId === undefined) throw this.#invalid("ScheduleKeyDeletion", "KeyId");
    return {
      keyArn: out.KeyId,
      ...(out.DeletionDate !== undefined ? { deletionDate: out.DeletionDate } : {}),
      ...(out.KeyState !== undefined ? { keyState: out.KeyState } : {}),
      ...(out.PendingWindowInDays !== undefined ? { pendingWindowInDays: out.PendingWindowInDays } : {}),
    };
  }

  /** A key pending deletion becomes Disabled (enable it to use it again). */
  async cancelKeyDeletion(keyId: string): Promise<{ keyArn: string }> {
    const command = new CancelKeyDeletionCommand({ KeyId: keyId });
    const out = await this.#run("CancelKeyDeletion", () => this.#sdk.send(command));
    if (out.KeyId === undefined) throw this.#invalid("CancelKeyDeletion", "KeyId");
    return { keyArn: out.KeyId };
  }

  async enableKey(keyId: string): Promise<void> {
    await this.#run("EnableKey", () => this.#sdk.send(new EnableKeyCommand({ KeyId: keyId })));
  }

  async disableKey(keyId: string): Promise<void> {
    await this.#run("DisableKey", () => this.#sdk.send(new DisableKeyCommand({ KeyId: keyId })));
  }

  async createAlias(aliasName: string, targetKeyId: string): Promise<void> {
    const command = new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: targetKeyId });
    await this.#run("CreateAlias", () => this.#sdk.send(command));
  }

  /** Closes the connection pool. */
  close(): void {
    this.#sdk.destroy();
    this.#sdkUnreceived.destroy();
  }

  toJSON() {
    const { maxAttempts = 3, timeoutMs = 10_000 } = this.#options;
    return { connection: describeConnection(this.#connection), maxAttempts, timeoutMs };
  }

  toString(): string {
    return `AwsKmsClient(${this.#connection.region}, ${this.#connection.accessKeyId})`;
  }

  [inspect.custom](): string {
    return `AwsKmsClient ${JSON.stringify(this.toJSON())}`;
  }
}
