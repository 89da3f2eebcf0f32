import type { Keyring } from "@cckm/crypto";
import {
  EndpointPolicy,
  type EndpointRefusal,
  type SapCallThrottle,
  SapKmsClient,
  type SapKmsClientConfig,
  type SapKmsLogger,
} from "@cckm/sap-kms-client";
import { type ConnectionCredentials, credentialsOf } from "./connections.ts";

/** A stored connection as SapClients needs it: the sealed secret and when the row last changed. */
export type ConnectionRow = Parameters<typeof credentialsOf>[0] & {
  updatedAt: Date;
  /** The tenant rate limit set on the connection (requests per second); null or absent: the default. */
  rateLimitPerSecond?: number | null;
};

export interface SapClientsOptions {
  timeoutMs: number;
  /** SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: whether endpoints may be private addresses (default false). */
  allowPrivateEndpoints?: boolean;
  logger?: SapKmsLogger;
  observe?: SapKmsClientConfig["observe"];
  /** The pacing of a stored connection's calls (the worker's tenant rate limit); none when omitted. */
  throttleFor?: (connection: ConnectionRow) => SapCallThrottle | undefined;
}

/**
 * SAP clients per connection, reused while the connection is unchanged so access tokens are too.
 * The secret is opened when a client is made and lives only inside it. Every client follows one
 * endpoint policy, which the API also checks connection endpoints against.
 */
export class SapClients {
  private readonly clients = new Map<string, { version: number; client: SapKmsClient }>();
  private readonly endpoints: EndpointPolicy;

  constructor(
    private readonly keyring: Keyring,
    private readonly options: SapClientsOptions,
  ) {
    this.endpoints = EndpointPolicy.of({ allowPrivate: options.allowPrivateEndpoints ?? false });
  }

  /** Why an endpoint URL may not be used, judged by its host as written (names are judged when resolved). */
  endpointRefusal(url: string): EndpointRefusal | undefined {
    return this.endpoints.refusalOfHost(new URL(url).hostname);
  }

  for(connection: ConnectionRow): SapKmsClient {
    const version = connection.updatedAt.getTime();
    const cached = this.clients.get(connection.id);
    if (cached && cached.version === version) return cached.client;
    const client = this.fresh(connection);
    this.clients.set(connection.id, { version, client });
    return client;
  }

  /** A new client with no token yet: its first call signs in (what a connection test wants). */
  fresh(connection: ConnectionRow): SapKmsClient {
    return this.withCredentials(credentialsOf(connection, this.keyring), this.options.throttleFor?.(connection));
  }

  /**
   * A new client for credentials that are not stored (testing parameters before a connection
   * exists), under the same endpoint policy. Nothing is cached.
   */
  withCredentials(
    credentials: Pick<ConnectionCredentials, "apiEndpoint" | "apiKey" | "secret">,
    throttle?: SapCallThrottle,
  ): SapKmsClient {
    return new SapKmsClient({
      baseUrl: credentials.apiEndpoint,
      apiKey: credentials.apiKey,
      secret: credentials.secret,
      timeoutMs: this.options.timeoutMs,
      allowPrivateEndpoints: this.endpoints.allowPrivate,
      ...(this.options.logger ? { logger: this.options.logger } : {}),
      ...(this.options.observe ? { observe: this.options.observe } : {}),
      ...(throttle ? { throttle } : {}),
    });
  }
}
