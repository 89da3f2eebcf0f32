import type { Keyring } from "@cckm/crypto";
import { OciKmsClient, type OciKmsClientConfig, OciKmsError, type OciKmsLogger } from "@cckm/oci-kms-client";
import { EndpointPolicy } from "@cckm/sap-kms-client";
import { type OciSecret, ociSecretOf, type StoredOciConnection } from "./connections.ts";

export interface OciClientsOptions {
  timeoutMs: number;
  /** The deployment's private-address opt-in (OCI_KMS_ALLOW_PRIVATE_ENDPOINTS), as for SAP. */
  allowPrivateEndpoints?: boolean;
  logger?: OciKmsLogger;
  retry?: OciKmsClientConfig["retry"];
}

/** What a client is made of: the connection's settings and its opened secret. */
export interface OciConnectionSettings {
  tenancyOcid: string;
  userOcid: string;
  fingerprint: string;
  region: string;
  endpoint?: string | null | undefined;
}

/**
 * OCI KMS clients per connection, reused while the connection is unchanged. An `endpoint` (ours: the
 * simulator, or a proxy) replaces Oracle's vault endpoint (`<endpoint>/regions/{region}`) and the
 * origin of every vault's management endpoint; it passes the same private-address policy as SAP's.
 */
export class OciClients {
  readonly #clients = new Map<string, { version: number; client: OciKmsClient }>();
  readonly #policy: EndpointPolicy;

  constructor(
    private readonly keyring: Keyring,
    private readonly options: OciClientsOptions,
  ) {
    this.#policy = EndpointPolicy.of({ allowPrivate: options.allowPrivateEndpoints ?? false });
  }

  /** Why an endpoint may not be used (its host as written), or undefined. */
  endpointRefusal(url: string): string | undefined {
    const refusal = this.#policy.refusalOfHost(new URL(url).hostname);
    if (!refusal) return undefined;
    return `${refusal.address} is a ${refusal.kind} address${refusal.never ? ", never allowed" : ", allowed only with OCI_KMS_ALLOW_PRIVATE_ENDPOINTS=true"}`;
  }

  for(connection: StoredOciConnection): OciKmsClient {
    const version = connection.updatedAt.getTime();
    const cached = this.#clients.get(connection.id);
    if (cached && cached.version === version) return cached.client;
    cached?.client.close();
    const client = this.withSecret(connection, ociSecretOf(connection, this.keyring));
    this.#clients.set(connection.id, { version, client });
    return client;
  }

  /** A client for settings not stored (connection-test before create); nothing is cached. */
  withSecret(settings: OciConnectionSettings, secret: OciSecret): OciKmsClient {
    if (settings.endpoint) {
      const refusal = this.endpointRefusal(settings.endpoint);
      if (refusal) throw new OciKmsError("ENDPOINT_FORBIDDEN", `kms_endpoint: ${refusal}`, { operation: "config" });
    }
    const base = settings.endpoint?.replace(/\/+$/, "");
    return new OciKmsClient({
      tenancyId: settings.tenancyOcid,
      userId: settings.userOcid,
      fingerprint: settings.fingerprint,
      privateKey: secret.privateKey,
      ...(secret.passphrase ? { passphrase: secret.passphrase } : {}),
      region: settings.region,
      ...(base ? { endpoints: { vault: `${base}/regions/{region}`, management: base } } : {}),
      timeoutMs: this.options.timeoutMs,
      ...(this.options.retry ? { retry: this.options.retry } : {}),
      ...(this.options.logger ? { logger: this.options.logger } : {}),
    });
  }
}
