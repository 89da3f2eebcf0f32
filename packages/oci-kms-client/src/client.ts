import { randomUUID } from "node:crypto";
import type { KmsManagementClient, models } from "oci-keymanagement";
import { Calls } from "./calls.ts";
import type { OciKmsClientConfig } from "./config.ts";
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
import { ALGORITHM, CURVE, LIST_ALGORITHM, LIST_PROTECTION, PROTECTION, WRAPPING } from "./sdk-enums.ts";
import { type ImportMaterial, wrapKeyMaterial, wrappingAlgorithmFor } from "./wrapping.ts";

/**
 * The orchestrator's OCI KMS client for one connection, over Oracle's SDK (which signs every request).
 * Every method retries transient failures within the configured bound and throws OciKmsError. Vault
 * calls go to the region's vault endpoint; key calls take the vault's management endpoint.
 */
export class OciKmsClient {
  readonly #calls: Calls;

  constructor(config: OciKmsClientConfig) {
    this.#calls = new Calls(config);
  }

  /** Every vault of the compartment in the connection's region, all pages. */
  async listVaults(compartmentId: string): Promise<OciVaultSummary[]> {
    const op = "vaults.list";
    const compartment = this.#calls.id(op, compartmentId, "compartmentId");
    return this.#calls.listAll(op, vaultSummarySchema, (page) =>
      this.#calls.vault.listVaults({
        compartmentId: compartment,
        limit: this.#calls.pageSize,
        ...(page ? { page } : {}),
      }),
    );
  }

  async getVault(vaultId: string): Promise<OciVault> {
    const op = "vaults.get";
    const id = this.#calls.id(op, vaultId, "vaultId");
    return this.#calls.one(op, vaultSchema, async () => (await this.#calls.vault.getVault({ vaultId: id })).vault);
  }

  /** Every key of the vault (by its management endpoint) in the compartment, all pages. */
  async listKeys(
    managementEndpoint: string,
    compartmentId: string,
    filter: { algorithm?: OciKeyAlgorithm; protectionMode?: OciProtectionMode } = {},
  ): Promise<OciKeySummary[]> {
    const op = "keys.list";
    const kms = this.#calls.management(op, managementEndpoint);
    const compartment = this.#calls.id(op, compartmentId, "compartmentId");
    return this.#calls.listAll(op, keySummarySchema, (page) =>
      kms.listKeys({
        compartmentId: compartment,
        limit: this.#calls.pageSize,
        ...(page ? { page } : {}),
        ...(filter.algorithm ? { algorithm: LIST_ALGORITHM[filter.algorithm] } : {}),
        ...(filter.protectionMode ? { protectionMode: LIST_PROTECTION[filter.protectionMode] } : {}),
      }),
    );
  }

  async getKey(managementEndpoint: string, keyId: string): Promise<OciKey> {
    return this.#keyCall(
      "keys.get",
      managementEndpoint,
      keyId,
      async (kms, id) => (await kms.getKey({ keyId: id })).key,
    );
  }

  async createKey(managementEndpoint: string, input: NewOciKey): Promise<OciKey> {
    const op = "keys.create";
    const kms = this.#calls.management(op, managementEndpoint);
    const key = this.#calls.input(op, newKeySchema, input);
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
    return this.#calls.one(
      op,
      keySchema,
      async () => (await kms.createKey({ createKeyDetails: details, opcRetryToken })).key,
    );
  }

  /** Schedules the key's deletion at `timeOfDeletion` (OCI: 7 to 30 days ahead; its default 30). */
  async scheduleKeyDeletion(managementEndpoint: string, keyId: string, timeOfDeletion?: Date): Promise<OciKey> {
    if (timeOfDeletion !== undefined && Number.isNaN(timeOfDeletion.getTime())) {
      throw new OciKmsError("INVALID_ARGUMENT", "keys.scheduleDeletion: timeOfDeletion is not a date", {
        operation: "keys.scheduleDeletion",
      });
    }
    const details = timeOfDeletion ? { timeOfDeletion } : {};
    const opcRetryToken = randomUUID();
    return this.#keyCall("keys.scheduleDeletion", managementEndpoint, keyId, async (kms, id) => {
      return (await kms.scheduleKeyDeletion({ keyId: id, scheduleKeyDeletionDetails: details, opcRetryToken })).key;
    });
  }

  async cancelKeyDeletion(managementEndpoint: string, keyId: string): Promise<OciKey> {
    const opcRetryToken = randomUUID();
    return this.#keyCall("keys.cancelDeletion", managementEndpoint, keyId, async (kms, id) => {
      return (await kms.cancelKeyDeletion({ keyId: id, opcRetryToken })).key;
    });
  }

  async enableKey(managementEndpoint: string, keyId: string): Promise<OciKey> {
    const opcRetryToken = randomUUID();
    return this.#keyCall("keys.enable", managementEndpoint, keyId, async (kms, id) => {
      return (await kms.enableKey({ keyId: id, opcRetryToken })).key;
    });
  }

  async disableKey(managementEndpoint: string, keyId: string): Promise<OciKey> {
    const opcRetryToken = randomUUID();
    return this.#keyCall("keys.disable", managementEndpoint, keyId, async (kms, id) => {
      return (await kms.disableKey({ keyId: id, opcRetryToken })).key;
    });
  }

  /** Changes the display name and/or tags (OCI replaces each tag map given as a whole). */
  async updateKey(managementEndpoint: string, keyId: string, changes: OciKeyChanges): Promise<OciKey> {
    const updateKeyDetails = this.#calls.input("keys.update", keyChangesSchema, changes);
    return this.#keyCall("keys.update", managementEndpoint, keyId, async (kms, id) => {
      return (await kms.updateKey({ keyId: id, updateKeyDetails })).key;
    });
  }

  /** Every version of the key, all pages. */
  async listKeyVersions(managementEndpoint: string, keyId: string): Promise<OciKeyVersionSummary[]> {
    const op = "versions.list";
    const kms = this.#calls.management(op, managementEndpoint);
    const id = this.#calls.id(op, keyId, "keyId");
    return this.#calls.listAll(op, keyVersionSummarySchema, (page) =>
      kms.listKeyVersions({ keyId: id, limit: this.#calls.pageSize, ...(page ? { page } : {}) }),
    );
  }

  async getKeyVersion(managementEndpoint: string, keyId: string, keyVersionId: string): Promise<OciKeyVersion> {
    const op = "versions.get";
    const kms = this.#calls.management(op, managementEndpoint);
    const [key, version] = [this.#calls.id(op, keyId, "keyId"), this.#calls.id(op, keyVersionId, "keyVersionId")];
    return this.#calls.one(op, keyVersionSchema, async () => {
      return (await kms.getKeyVersion({ keyId: key, keyVersionId: version })).keyVersion;
    });
  }

  /** A new version made by OCI (native rotation); it starts CREATING. */
  async createKeyVersion(managementEndpoint: string, keyId: string): Promise<OciKeyVersion> {
    const op = "versions.create";
    const kms = this.#calls.management(op, managementEndpoint);
    const id = this.#calls.id(op, keyId, "keyId");
    const opcRetryToken = randomUUID();
    return this.#calls.one(
      op,
      keyVersionSchema,
      async () => (await kms.createKeyVersion({ keyId: id, opcRetryToken })).keyVersion,
    );
  }

  /** A new version from material already wrapped under the vault's wrapping key (BYOK). */
  async importKeyVersion(
    managementEndpoint: string,
    keyId: string,
    wrapped: OciWrappedMaterial,
  ): Promise<OciKeyVersion> {
    const op = "versions.import";
    const kms = this.#calls.management(op, managementEndpoint);
    const id = this.#calls.id(op, keyId, "keyId");
    const { keyMaterial, wrappingAlgorithm } = this.#calls.input(op, wrappedMaterialSchema, wrapped);
    const importKeyVersionDetails = {
      wrappedImportKey: { keyMaterial, wrappingAlgorithm: WRAPPING[wrappingAlgorithm] },
    };
    const opcRetryToken = randomUUID();
    return this.#calls.one(op, keyVersionSchema, async () => {
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
    let wrapped: OciWrappedMaterial;
    try {
      wrapped = wrapKeyMaterial(wrappingKey.publicKey, material.material, wrappingAlgorithmFor(material.algorithm));
    } catch {
      throw new OciKmsError("INVALID_RESPONSE", "wrappingKey.get: the wrapping key is not a usable RSA public key", {
        operation: "wrappingKey.get",
      });
    }
    return this.importKeyVersion(managementEndpoint, keyId, wrapped);
  }

  /** The vault's RSA wrapping key (public half, PEM), for BYOK. */
  async getWrappingKey(managementEndpoint: string): Promise<OciWrappingKey> {
    const op = "wrappingKey.get";
    const kms = this.#calls.management(op, managementEndpoint);
    return this.#calls.one(op, wrappingKeySchema, async () => (await kms.getWrappingKey({})).wrappingKey);
  }

  /** Releases the SDK clients. */
  close(): void {
    this.#calls.close();
  }

  /** What a log or an error report may show of the client: no key, no passphrase. */
  toJSON() {
    return this.#calls.toJSON();
  }

  async #keyCall(
    op: string,
    managementEndpoint: string,
    keyId: string,
    call: (kms: KmsManagementClient, keyId: string) => Promise<unknown>,
  ): Promise<OciKey> {
    const kms = this.#calls.management(op, managementEndpoint);
    const id = this.#calls.id(op, keyId, "keyId");
    return this.#calls.one(op, keySchema, () => call(kms, id));
  }
}
