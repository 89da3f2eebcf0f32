import type { ExportWrappingKey } from "./export-wrapping.ts";
import { eqFilter } from "./odata.ts";
import {
  type ExportedVersion,
  exportedVersionSchema,
  type Group,
  groupSchema,
  type Key,
  type KeyVersion,
  keySchema,
  keyVersionSchema,
  listOf,
  type NewKey,
  publicKeySchema,
  type UnwrapRequest,
} from "./schemas.ts";
import { type SapKmsClientConfig, Transport } from "./transport.ts";

export interface Page {
  /** `$top`: at most this many (the server's default page when omitted). */
  top?: number;
  /** `$skip`: leave out this many first. */
  skip?: number;
}

const PAGE_SIZE = 100;
const enc = encodeURIComponent;

/** One method per SAP KMS v2 route (and the simulator's export route). Throws SapKmsError. */
export class SapKmsApi {
  protected readonly http: Transport;

  constructor(config: SapKmsClientConfig) {
    this.http = new Transport(config);
  }

  /** Logs in now; a wrong apiKey or secret throws UNAUTHORIZED. Other calls log in by themselves. */
  login(): Promise<void> {
    return this.http.authenticate();
  }

  /** `GET /groups`, optionally by id or name, with the keystore expanded. */
  async listGroups(options: Page & { id?: string; name?: string; expandKeystore?: boolean } = {}): Promise<Group[]> {
    const query = {
      $filter: eqFilter({ id: options.id, name: options.name }),
      $top: options.top,
      $skip: options.skip,
      $expand: options.expandKeystore ? "keystore" : undefined,
    };
    const answer = await this.http.call({
      name: "groups.list",
      method: "GET",
      path: "/groups",
      query,
      schema: listOf(groupSchema),
    });
    return answer.value;
  }

  /** Every group, page by page. */
  async listAllGroups(options: { expandKeystore?: boolean; pageSize?: number } = {}): Promise<Group[]> {
    return collectPages(
      (page) => this.listGroups({ ...page, expandKeystore: options.expandKeystore }),
      options.pageSize,
    );
  }

  /** `GET /keys`, optionally by group and name. */
  async listKeys(options: Page & { groupId?: string; name?: string } = {}): Promise<Key[]> {
    const query = {
      $filter: eqFilter({ groupId: options.groupId, name: options.name }),
      $top: options.top,
      $skip: options.skip,
    };
    const answer = await this.http.call({
      name: "keys.list",
      method: "GET",
      path: "/keys",
      query,
      schema: listOf(keySchema),
    });
    return answer.value;
  }

  /** Every key (of a group), page by page. */
  async listAllKeys(options: { groupId?: string; name?: string; pageSize?: number } = {}): Promise<Key[]> {
    return collectPages((page) => this.listKeys({ ...options, ...page }), options.pageSize);
  }

  getKey(id: string): Promise<Key> {
    return this.http.call({ name: "keys.get", method: "GET", path: `/keys/${enc(id)}`, schema: keySchema });
  }

  /** `POST /keys` (201): a new key with fresh material as version 0. */
  createKey(key: NewKey): Promise<Key> {
    return this.http.call({ name: "keys.create", method: "POST", path: "/keys", body: key, schema: keySchema });
  }

  /** `DELETE /keys/{id}`; a key that is already gone throws NOT_FOUND. */
  async deleteKey(id: string): Promise<void> {
    await this.http.call({ name: "keys.delete", method: "DELETE", path: `/keys/${enc(id)}` });
  }

  /** `POST /keys/{id}/versions` (201): a new version with fresh material becomes the primary one. */
  createVersion(keyId: string): Promise<KeyVersion> {
    const path = `/keys/${enc(keyId)}/versions`;
    return this.http.call({ name: "versions.create", method: "POST", path, schema: keyVersionSchema });
  }

  /** `GET /keys/{id}/versions`, version 0 first. */
  async listVersions(keyId: string): Promise<KeyVersion[]> {
    const path = `/keys/${enc(keyId)}/versions`;
    const answer = await this.http.call({
      name: "versions.list",
      method: "GET",
      path,
      schema: listOf(keyVersionSchema),
    });
    return answer.value;
  }

  /** `GET /keys/{id}/versions/{version}/publicKey` → SubjectPublicKeyInfo DER. */
  async getPublicKey(keyId: string, version: number): Promise<Buffer> {
    const path = `/keys/${enc(keyId)}/versions/${version}/publicKey`;
    const query = { outputFormat: "BASE64_DER" };
    const answer = await this.http.call({
      name: "versions.publicKey",
      method: "GET",
      path,
      query,
      schema: publicKeySchema,
    });
    return Buffer.from(answer.publicKey, "base64");
  }

  /**
   * The simulator's export route (SAP documents none): the version's material wrapped to the public
   * half of `wrappingKey` with its algorithm. A non-exportable key throws NOT_EXPORTABLE.
   */
  exportVersion(
    keyId: string,
    version: number,
    wrappingKey: Pick<ExportWrappingKey, "algorithm" | "publicKeyDer">,
  ): Promise<ExportedVersion> {
    const path = `/keys/${enc(keyId)}/versions/${version}/export`;
    const body = { publicKey: wrappingKey.publicKeyDer.toString("base64"), algorithm: wrappingKey.algorithm };
    return this.http.call({ name: "versions.export", method: "POST", path, body, schema: exportedVersionSchema });
  }

  /** `POST /crypto/unwrap`: imports wrapped material as a new key or as the next version of a key. */
  unwrap(request: UnwrapRequest): Promise<Key> {
    return this.http.call({
      name: "crypto.unwrap",
      method: "POST",
      path: "/crypto/unwrap",
      body: request,
      schema: keySchema,
    });
  }
}

async function collectPages<T>(fetchPage: (page: Page) => Promise<T[]>, pageSize = PAGE_SIZE): Promise<T[]> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError("pageSize must be a whole number from 1");
  const all: T[] = [];
  for (let skip = 0; ; skip += pageSize) {
    const page = await fetchPage({ top: pageSize, skip });
    all.push(...page);
    if (page.length < pageSize) return all;
  }
}
