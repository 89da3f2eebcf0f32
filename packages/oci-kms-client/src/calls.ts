import type { KmsManagementClient, KmsVaultClient } from "oci-keymanagement";
import type { z } from "zod";
import { type OciKmsClientConfig, type ResolvedConfig, redactor, resolveConfig } from "./config.ts";
import { managementEndpointFor } from "./endpoints.ts";
import { OciKmsError } from "./errors.ts";
import { withRetries } from "./retry.ts";
import { SdkClients } from "./sdk.ts";

/** At most this many pages per list call: a server that keeps answering a next page is broken. */
const MAX_PAGES = 10_000;

export interface Page {
  items: unknown[];
  opcNextPage?: string | undefined;
}

/**
 * The plumbing under OciKmsClient's methods: argument checks (INVALID_ARGUMENT before anything is
 * sent), the SDK clients, retries, answer parsing (INVALID_RESPONSE) and paging. Holds the
 * connection's secrets in private fields only.
 */
export class Calls {
  readonly #config: ResolvedConfig;
  readonly #redact: (text: string) => string;
  readonly #sdk: SdkClients;

  constructor(config: OciKmsClientConfig) {
    this.#redact = redactor(config);
    this.#config = resolveConfig(config);
    this.#sdk = new SdkClients(this.#config);
  }

  get pageSize(): number {
    return this.#config.pageSize;
  }

  get vault(): KmsVaultClient {
    return this.#sdk.vault;
  }

  /** The SDK client for a vault's advertised management endpoint (after the configured override). */
  management(op: string, advertised: string): KmsManagementClient {
    if (typeof advertised !== "string" || advertised === "") {
      throw new OciKmsError("INVALID_ARGUMENT", `${op}: a management endpoint is required`, { operation: op });
    }
    return this.#sdk.management(managementEndpointFor(advertised, this.#config.endpoints.management, op));
  }

  id(op: string, value: string, name: string): string {
    if (typeof value !== "string" || value.trim() === "" || value.length > 255) {
      throw new OciKmsError("INVALID_ARGUMENT", `${op}: ${name} must be a non-empty OCID`, { operation: op });
    }
    return value;
  }

  input<S extends z.ZodType>(op: string, schema: S, value: unknown): z.output<S> {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
    throw new OciKmsError("INVALID_ARGUMENT", `${op}: ${problems}`, { operation: op });
  }

  /** One call: retried within the policy, its answer checked with `schema`. */
  async one<S extends z.ZodType>(op: string, schema: S, attempt: () => Promise<unknown>): Promise<z.output<S>> {
    return this.#parse(op, schema, await this.#run(op, attempt));
  }

  /** Every page of a list, each page retried on its own; items checked with `schema`. */
  async listAll<S extends z.ZodType>(
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

  close(): void {
    this.#sdk.close();
  }

  toJSON() {
    const { tenancyId, userId, fingerprint, region } = this.#config;
    return { tenancyId, userId, fingerprint, region, endpoints: this.#sdk.toJSON() };
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
}
