import { randomUUID } from "node:crypto";
import { models, requests } from "oci-keymanagement";
import type { z } from "zod";
import { type OciKmsClientConfig, type ResolvedConfig, redactor, resolveConfig } from "./config.ts";
import { managementEndpointFor } from "./endpoints.ts";
import { OciKmsError } from "./errors.ts";
import {
  keyChangesSchema,
  keySchema,
  keySummarySchema,
  keyVersionSchema,
  keyVersionSummarySchema,
  type NewOciKey,
  newKeySchema,
  type OciKey,
  type OciKeyAlgorithm,
  type OciKeyChanges,
  type OciKeySummary,
  type OciKeyVersion,
  type OciKeyVersionSummary,
  type OciProtectionMode,
  type OciVault,
  type OciVaultSummary,
  type OciWrappedMaterial,
  type OciWrappingKey,
  vaultSchema,
  vaultSummarySchema,
  wrappedMaterialSchema,
  wrappingKeySchema,
} from "./models.ts";
import { withRetries } from "./retry.ts";
import { SdkClients } from "./sdk.ts";
import { type ImportMaterial, wrapKeyMaterial, wrappingAlgorithmFor } from "./wrapping.ts";

const ALGORITHM = {
  AES: models.KeyShape.Algorithm.Aes,
  RSA: models.KeyShape.Algorithm.Rsa,
  ECDSA: models.KeyShape.Algorithm.Ecdsa,
};
const CURVE = {
  NIST_P256: models.KeyShape.CurveId.NistP256,
  NIST_P384: models.KeyShape.CurveId.NistP384,
  NIST_P521: models.KeyShape.CurveId.NistP521,
};
const PROTECTION = {
  SOFTWARE: models.CreateKeyDetails.ProtectionMode.Software,
  HSM: models.CreateKeyDetails.ProtectionMode.Hsm,
};
const LIST_ALGORITHM = {
  AES: requests.ListKeysRequest.Algorithm.Aes,
  RSA: requests.ListKeysRequest.Algorithm.Rsa,
  ECDSA: requests.ListKeysRequest.Algorithm.Ecdsa,
};
const LIST_PROTECTION = {
  SOFTWARE: requests.ListKeysRequest.ProtectionMode.Software,
  HSM: requests.ListKeysRequest.ProtectionMode.Hsm,
};
const WRAPPING = {
  RSA_OAEP_SHA256: models.WrappedImportKey.WrappingAlgorithm.RsaOaepSha256,
  RSA_OAEP_AES_SHA256: models.WrappedImportKey.WrappingAlgorithm.RsaOaepAesSha256,
};

/** At most this many pages per list call: a server that keeps answering a next page is broken. */
const MAX_PAGES = 10_000;

interface Page {
  items: unknown[];
  opcNextPage?: string | undefined;
}

/**
 * The orchestrator's OCI KMS client for one connection, over Oracle's SDK (which signs every request).
 * Every method retries transient failures within the configured bound and throws OciKmsError. Vault
 * calls go to the region's vault endpoint; key calls take the vault's management endpoint.
 */
export class OciKmsClient {
  readonly #config: ResolvedConfig;
  readonly #redact: (text: string) => string;
  readonly #sdk: SdkClients;

  constructor(config: OciKmsClientConfig) {
    this.#redact = redactor(config);
    this.#config = resolveConfig(config);
    this.#sdk = new SdkClients(this.#config);
  }

  /** Every vault of the compartment in the connection's region, all pages. */
  listVaults(compartmentId: string): Promise<OciVaultSummary[]> {
    const op = "vaults.list";
    const compartment = this.#id(op, compartmentId, "compartmentId");
    return this.#listAll(op, vaultSummarySchema, (page) =>
      this.#sdk.vault.listVaults({
        compartmentId: compartment,
        limit: this.#config.pageSize,
        ...(page ? { page } : {}),
      }),
    );
  }

  async getVault(vaultId: string): Promise<OciVault> {
    const op = "vaults.get";
    const id = this.#id(op, vaultId, "vaultId");
    return this.#one(op, vaultSchema, async () => (await this.#sdk.vault.getVault({ vaultId: id })).vault);
  }

  /** Every key of the vault (by its management endpoint) in the compartment, all pages. */
  listKeys(
    managementEndpoint: string,
    compartmentId: string,
    filter: { algorithm?: OciKeyAlgorithm; protectionMode?: OciProtectionMode } = {},
  ): Promise<OciKeySummary[]> {
    const op = "keys.list";
    const kms = this.#management(op, managementEndpoint);
    const compartment = this.#id(op, compartmentId, "compartmentId");
    return this.#listAll(op, keySummarySchema, (page) =>
      kms.listKeys({
        compartmentId: compartment,
        limit: this.#config.pageSize,
        ...(page ? { page } : {}),
        ...(filter.algorithm ? { algorithm: LIST_ALGORITHM[filter.algorithm] } : {}),
        ...(filter.protectionMode ? { protectionMode: LIST_PROTECTION[filter.protectionMode] } : {}),
      }),
    );
  }

  getKey(managementEndpoint: string, keyId: string): Promise<OciKey> {
    return this.#keyCall(
      "keys.get",
      managementEndpoint,
      keyId,
      async (kms, id) => (await kms.getKey({ keyId: id })).key,
    );
  }

  async createKey(managementEndpoint: string, input: NewOciKey): Promise<OciKey> {
    const op = "keys.create";
    const kms = this.#management(op, managementEndpoint);
    const key = this.#input(op, newKeySchema, input);
    const details: models.CreateKeyDetails = {
      compartmentId: key.compartmentId,
      displayName: key.displayName,
      keyShape: {
        algorithm: ALGORITHM[key.algorithm],
        length: key.length,
        ...(key.curveId ? { curveId: CURVE[key.curveId] } : {}),
      },
      ...(key.protectionMode ? { protectionMode: PROTECTION[key.protectionMode] } : {}),
      ...(key.freeformTags ? { freeformTags: key.freeformTags } : {}),
      ...(key.definedTags ? { definedTags: key.definedTags } : {}),
    };
    const opcRetryToken = randomUUID();
    return this.#one(
      op,
      keySchema,
      async () => (await kms.createKey({ createKeyDetails: details, opcRetryToken })).key,
    );
  }

  /** Schedules the key's deletion at `timeOfDeletion` (OCI: 7 to 30 days ahead; its default 30). */
  scheduleKeyDeletion(managementEndpoint: string, keyId: string, timeOfDeletion?: Date): Promise<OciKey> {
    const details = timeOfDeletion ? { timeOfDeletion } : {};
    const opcRetryToken = randomUUID();
    return this.#keyCall("keys.scheduleDeletion", managementEndpoint, keyId, async (kms, id) => {
      return (await kms.scheduleKeyDeletion({ keyId: id, scheduleKeyDeletionDetails: details, opcRetryToken })).key;
    });
  }

  cancelKeyDeletion(managementEndpoint: string, keyId: string): Promise<OciKey> {
    const opcRetryToken = randomUUID();
    return this.#keyCall("keys.cancelDeletion", managementEndpoint, keyId, async (kms, id) => {
      return (await kms.cancelKeyDeletion({ keyId: id, opcRetryToken })).key;
    });
  }

  enableKey(managementEndpoint: string, keyId: string): Promise<OciKey> {
    const opcRetryToken = randomUUID();
    return this.#keyCall("keys.enable", managementEndpoint, keyId, async (kms, id) => {
      return (await kms.enableKey({ keyId: id, opcRetryToken })).key;
    });
  }

  disableKey(managementEndpoint: string, keyId: string): Promise<OciKey> {
    const opcRetryToken = randomUUID();
    return this.#keyCall("keys.disable", managementEndpoint, keyId, async (kms, id) => {
      return (await kms.disableKey({ keyId: id, opcRetryToken })).key;
    });
  }

  /** Changes the display name and/or tags (OCI replaces each tag map given as a whole). */
  updateKey(managementEndpoint: string, keyId: string, changes: OciKeyChanges): Promise<OciKey> {
    const updateKeyDetails = this.#input("keys.update", keyChangesSchema, changes);
    return this.#keyCall("keys.update", managementEndpoint, keyId, async (kms, id) => {
      return (await kms.updateKey({ keyId: id, updateKeyDetails })).key;
    });
  }

  /** Every version of the key, all pages. */
  listKeyVersions(managementEndpoint: string, keyId: string): Promise<OciKeyVersionSummary[]> {
    const op = "versions.list";
    const kms = this.#management(op, managementEndpoint);
    const id = this.#id(op, keyId, "keyId");
    return this.#listAll(op, keyVersionSummarySchema, (page) =>
      kms.listKeyVersions({ keyId: id, limit: this.#config.pageSize, ...(page ? { page } : {}) }),
    );
  }

  getKeyVersion(managementEndpoint: string, keyId: string, keyVersionId: string): Promise<OciKeyVersion> {
    const op = "versions.get";
    const kms = this.#management(op, managementEndpoint);
    const [key, version] = [this.#id(op, keyId, "keyId"), this.#id(op, keyVersionId, "keyVersionId")];
    return this.#one(op, keyVersionSchema, async () => {
      return (await kms.getKeyVersion({ keyId: key, keyVersionId: version })).keyVersion;
    });
  }

  /** A new version made by OCI (native rotation); it starts CREATING. */
  createKeyVersion(managementEndpoint: string, keyId: string): Promise<OciKeyVersion> {
    const op = "versions.create";
    const kms = this.#management(op, managementEndpoint);
    const id = this.#id(op, keyId, "keyId");
    const opcRetryToken = randomUUID();
    return this.#one(
      op,
      keyVersionSchema,
      async () => (await kms.createKeyVersion({ keyId: id, opcRetryToken })).keyVersion,
    );
  }

  /** A new version from material already wrapped under the vault's wrapping key (BYOK). */
  importKeyVersion(managementEndpoint: string, keyId: string, wrapped: OciWrappedMaterial): Promise<OciKeyVersion> {
    const op = "versions.import";
    const kms = this.#management(op, managementEndpoint);
    const id = this.#id(op, keyId, "keyId");
    const { keyMaterial, wrappingAlgorithm } = this.#input(op, wrappedMaterialSchema, wrapped);
    const importKeyVersionDetails = {
      wrappedImportKey: { keyMaterial, wrappingAlgorithm: WRAPPING[wrappingAlgorithm] },
    };
    const opcRetryToken = randomUUID();
    return this.#one(op, keyVersionSchema, async () => {
      return (await kms.importKeyVersion({ keyId: id, importKeyVersionDetails, opcRetryToken })).keyVersion;
    });
  }

  /** Fetches the vault's wrapping key, wraps `material` under it as OCI wants for its type, imports it. */
  async importKeyVersionMaterial(
    managementEndpoint: string,
    keyId: string,
    material: ImportMaterial,
  ): Promise<OciKeyVersion> {
    const wrappingKey = await this.getWrappingKey(managementEndpoint);
    const wrapped = wrapKeyMaterial(wrappingKey.publicKey, material.material, wrappingAlgorithmFor(material.algorithm));
    return this.importKeyVersion(managementEndpoint, keyId, wrapped);
  }

  /** The vault's RSA wrapping key (public half, PEM), for BYOK. */
  getWrappingKey(managementEndpoint: string): Promise<OciWrappingKey> {
    const op = "wrappingKey.get";
    const kms = this.#management(op, managementEndpoint);
    return this.#one(op, wrappingKeySchema, async () => (await kms.getWrappingKey({})).wrappingKey);
  }

  /** Releases the SDK clients. */
  close(): void {
    this.#sdk.close();
  }

  /** What a log or an error report may show of the client: no key, no passphrase. */
  toJSON() {
    const { tenancyId, userId, fingerprint, region } = this.#config;
    return { tenancyId, userId, fingerprint, region, endpoints: this.#sdk.toJSON() };
  }

  #keyCall(
    op: string,
    managementEndpoint: string,
    keyId: string,
    call: (kms: ReturnType<SdkClients["management"]>, keyId: string) => Promise<unknown>,
  ): Promise<OciKey> {
    const kms = this.#management(op, managementEndpoint);
    const id = this.#id(op, keyId, "keyId");
    return this.#one(op, keySchema, () => call(kms, id));
  }

  #management(op: string, advertised: string) {
    if (typeof advertised !== "string" || advertised === "") {
      throw new OciKmsError("INVALID_ARGUMENT", `${op}: a management endpoint is required`, { operation: op });
    }
    return this.#sdk.management(managementEndpointFor(advertised, this.#config.endpoints.management, op));
  }

  #id(op: string, value: string, name: string): string {
    if (typeof value !== "string" || value.trim() === "" || value.length > 255) {
      throw new OciKmsError("INVALID_ARGUMENT", `${op}: ${name} must be a non-empty OCID`, { operation: op });
    }
    return value;
  }

  #input<S extends z.ZodType>(op: string, schema: S, value: unknown): z.output<S> {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
    throw new OciKmsError("INVALID_ARGUMENT", `${op}: ${problems}`, { operation: op });
  }

  #parse<S extends z.ZodType>(op: string, schema: S, value: unknown): z.output<S> {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues[0]?.path.join(".") || "body";
    throw new OciKmsError("INVALID_RESPONSE", `${op}: unexpected answer (${where})`, { operation: op });
  }

  #run<T>(op: string, attempt: () => Promise<T>): Promise<T> {
    return withRetries(op, this.#config.retry, attempt, { redact: this.#redact, logger: this.#config.logger });
  }

  async #one<S extends z.ZodType>(op: string, schema: S, attempt: () => Promise<unknown>): Promise<z.output<S>> {
    return this.#parse(op, schema, await this.#run(op, attempt));
  }

  async #listAll<S extends z.ZodType>(
    op: string,
    schema: S,
    fetchPage: (page: string | undefined) => Promise<Page>,
  ): Promise<Array<z.output<S>>> {
    const all: Array<z.output<S>> = [];
    const seen = new Set<string>();
    let page: string | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      const answer = await this.#run(op, () => fetchPage(page));
      if (!Array.isArray(answer.items)) this.#parse(op, schema.array(), answer.items);
      for (const item of answer.items) all.push(this.#parse(op, schema, item));
      page = answer.opcNextPage || undefined;
      if (page === undefined) return all;
      if (seen.has(page)) break;
      seen.add(page);
    }
    throw new OciKmsError("INVALID_RESPONSE", `${op}: the pages do not end`, { operation: op });
  }
}
