import { randomUUID } from "node:crypto";
import { connectionSecretAad, type Keyring } from "@cckm/crypto";
import type { Db } from "@cckm/db";
import { openSecret, type StoredSecretColumns, sealSecret } from "../provider/sealed-secret.ts";

/** CipherTrust's free-form connection attributes, stored as given (no secrets). */
export interface ConnectionAttributes {
  tenant?: string | undefined;
  meta?: Record<string, unknown> | undefined;
  labels?: Record<string, string> | undefined;
  /** Requests per second to the tenant (0: no limit); absent: the workers' default. */
  rateLimitPerSecond?: number | undefined;
}

export interface NewConnection extends ConnectionAttributes {
  name: string;
  description?: string | undefined;
  apiEndpoint: string;
  apiKey: string;
  secret: string;
}

/** Stores a connection with its technical user's secret sealed under the keyring (never in the clear). */
export async function createConnection(db: Db, keyring: Keyring, input: NewConnection) {
  const id = randomUUID();
  return db.sapConnection.create({
    data: {
      id,
      name: input.name,
      description: input.description ?? null,
      apiEndpoint: input.apiEndpoint,
      apiKey: input.apiKey,
      tenant: input.tenant ?? null,
      rateLimitPerSecond: input.rateLimitPerSecond ?? null,
      ...(input.meta !== undefined ? { meta: input.meta as object } : {}),
      ...(input.labels !== undefined ? { labels: input.labels } : {}),
      ...sealSecret(input.secret, connectionSecretAad(id), keyring),
    },
  });
}

export interface ConnectionCredentials {
  connectionId: string;
  apiEndpoint: string;
  apiKey: string;
  secret: string;
}

type SealedConnection = StoredSecretColumns & { id: string; apiEndpoint: string; apiKey: string };

/** The technical user of a stored connection, decrypted for one use; keep it out of logs and responses. */
export function credentialsOf(row: SealedConnection, keyring: Keyring): ConnectionCredentials {
  const secret = openSecret(row, connectionSecretAad(row.id), keyring);
  return { connectionId: row.id, apiEndpoint: row.apiEndpoint, apiKey: row.apiKey, secret };
}

export interface ConnectionChanges extends ConnectionAttributes {
  description?: string | undefined;
  apiEndpoint?: string | undefined;
  apiKey?: string | undefined;
  secret?: string | undefined;
}

/** Updates a connection; a new secret is sealed afresh (under the current KEK). */
export async function updateConnection(db: Db, keyring: Keyring, id: string, changes: ConnectionChanges) {
  const sealed = changes.secret !== undefined ? sealSecret(changes.secret, connectionSecretAad(id), keyring) : {};
  return db.sapConnection.update({
    where: { id },
    data: {
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.apiEndpoint !== undefined ? { apiEndpoint: changes.apiEndpoint } : {}),
      ...(changes.apiKey !== undefined ? { apiKey: changes.apiKey } : {}),
      ...(changes.tenant !== undefined ? { tenant: changes.tenant } : {}),
      ...(changes.rateLimitPerSecond !== undefined ? { rateLimitPerSecond: changes.rateLimitPerSecond } : {}),
      ...(changes.meta !== undefined ? { meta: changes.meta as object } : {}),
      ...(changes.labels !== undefined ? { labels: changes.labels } : {}),
      ...sealed,
    },
  });
}
