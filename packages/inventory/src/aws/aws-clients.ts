import { AwsKmsClient, type AwsKmsConnection, type AwsKmsLogger } from "@cckm/aws-kms-client";
import type { Keyring } from "@cckm/crypto";
import { EndpointPolicy, type EndpointRefusal } from "@cckm/sap-kms-client";
import { awsCredentialsOf, type StoredAwsConnection } from "./aws-connections.ts";

export interface AwsClientsOptions {
  timeoutMs?: number;
  maxAttempts?: number;
  /** The deployment's private-endpoint flag (AWS_KMS_ALLOW_PRIVATE_ENDPOINTS), the same policy as SAP's. */
  allowPrivateEndpoints?: boolean;
  logger?: AwsKmsLogger;
  observe?: (event: { operation: string; attempts?: number; code?: string; ms: number }) => void;
  /** Backoff jitter source (tests: `() => 0`). */
  random?: () => number;
}

type ClientConnection = Pick<
  StoredAwsConnection,
  | "id"
  | "accessKeyId"
  | "endpoint"
  | "updatedAt"
  | "secretCiphertext"
  | "secretNonce"
  | "secretTag"
  | "secretWrappedDek"
  | "secretKekId"
>;

/**
 * AWS KMS clients per (connection, region), reused while the connection is unchanged. The secret is
 * opened when a client is made and lives only inside it. Endpoints follow SAP's endpoint policy.
 */
export class AwsClients {
  private readonly clients = new Map<string, { version: number; client: AwsKmsClient }>();
  private readonly endpoints: EndpointPolicy;

  constructor(
    private readonly keyring: Keyring,
    private readonly options: AwsClientsOptions = {},
  ) {
    this.endpoints = EndpointPolicy.of({ allowPrivate: options.allowPrivateEndpoints ?? false });
  }

  /** Why an endpoint URL may not be used, judged by its host as written (names again when resolved). */
  endpointRefusal(url: string): EndpointRefusal | undefined {
    return this.endpoints.refusalOfHost(new URL(url).hostname);
  }

  for(connection: ClientConnection, region: string): AwsKmsClient {
    const key = `${connection.id}/${region}`;
    const version = connection.updatedAt.getTime();
    const cached = this.clients.get(key);
    if (cached && cached.version === version) return cached.client;
    cached?.client.close();
    const client = this.withCredentials(awsCredentialsOf(connection, this.keyring, region));
    this.clients.set(key, { version, client });
    return client;
  }

  /** A client for credentials that are not stored (a connection test before creating it); not cached. */
  withCredentials(connection: AwsKmsConnection): AwsKmsClient {
    const { logger, observe, random, timeoutMs, maxAttempts } = this.options;
    return new AwsKmsClient(connection, {
      endpoints: this.endpoints,
      ...(logger ? { logger } : {}),
      ...(observe ? { observe } : {}),
      ...(random ? { random } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(maxAttempts ? { maxAttempts } : {}),
    });
  }

  close(): void {
    for (const { client } of this.clients.values()) client.close();
    this.clients.clear();
  }
}
