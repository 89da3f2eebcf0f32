import * as common from "oci-common";
import { KmsManagementClient, KmsVaultClient } from "oci-keymanagement";
import type { ResolvedConfig } from "./config.ts";
import { checkEndpoint } from "./endpoints.ts";
import { OciKmsError } from "./errors.ts";

/**
 * The SDK's client configuration for one connection:
 * - no circuit breaker: a shared breaker would open on one vault's faults and fail every other call
 *   of the client with EOPENBREAKER. oci-common's CircuitBreaker built with `disableClientCircuitBreaker`
 *   is marked `noCircuit`, which every SDK client checks before it makes its default breaker (and
 *   that check comes before the global switch, which lives in the SDK's own copy of oci-common);
 * - no SDK retries (one attempt; the default condition would even retry 409 IncorrectState):
 *   OciKmsClient retries transient failures itself, with a bounded policy;
 * - a timeout per attempt: the SDK hands `httpOptions` to fetch on every request, so `signal` is a
 *   getter that makes a fresh AbortSignal.timeout each time.
 */
function clientConfiguration(timeoutMs: number): common.ClientConfiguration {
  return {
    circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
    retryConfiguration: {
      terminationStrategy: new common.MaxAttemptsTerminationStrategy(1),
      retryCondition: () => false,
    },
    httpOptions: {
      get signal() {
        return AbortSignal.timeout(timeoutMs);
      },
    },
  };
}

/**
 * The SDK clients of one connection: the region's vault client and one management client per
 * management endpoint. The signing key lives in here only, in private fields (not enumerable, not
 * serialised).
 */
export class SdkClients {
  readonly #auth: { authenticationDetailsProvider: common.SimpleAuthenticationDetailsProvider };
  readonly #configuration: common.ClientConfiguration;
  readonly #vault: KmsVaultClient;
  readonly #management = new Map<string, KmsManagementClient>();

  constructor(config: ResolvedConfig) {
    const provider = new common.SimpleAuthenticationDetailsProvider(
      config.tenancyId,
      config.userId,
      config.fingerprint,
      config.privateKey,
      config.passphrase ?? null,
    );
    this.#auth = { authenticationDetailsProvider: provider };
    this.#configuration = clientConfiguration(config.timeoutMs);
    try {
      this.#vault = new KmsVaultClient(this.#auth, this.#configuration);
    } catch {
      // The SDK's signer parses the key here; its error could quote what it could not read.
      throw new OciKmsError("INVALID_CONFIG", "the OCI SDK refused the private key", { operation: "config" });
    }
    this.#vault.regionId = config.region;
    if (config.endpoints.vault !== undefined) {
      this.#vault.endpoint = checkEndpoint(config.endpoints.vault.replaceAll("{region}", config.region), "config");
    }
  }

  get vault(): KmsVaultClient {
    return this.#vault;
  }

  /** The management client for a (checked) management endpoint. */
  management(endpoint: string): KmsManagementClient {
    let client = this.#management.get(endpoint);
    if (client === undefined) {
      client = new KmsManagementClient(this.#auth, this.#configuration);
      client.endpoint = endpoint;
      this.#management.set(endpoint, client);
    }
    return client;
  }

  close(): void {
    this.#vault.close();
    for (const client of this.#management.values()) client.close();
    this.#management.clear();
  }

  toJSON() {
    return { vaultEndpoint: this.#vault.endpoint, managementEndpoints: [...this.#management.keys()] };
  }
}
