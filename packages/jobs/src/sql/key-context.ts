import { prepared, type Queryable } from "@cckm/db";

/** The key a job acts on, its group's SAP id, its connection (sealed secret) and this job's own backup. */
export interface KeyContext {
  key: {
    id: string;
    name: string;
    description: string | null;
    type: string;
    size: number | null;
    curve: string | null;
    operations: string[];
    enabled: boolean;
    exportable: boolean;
    gone: boolean;
    backupId: string | null;
    sapGroupId: string;
  };
  connection: {
    id: string;
    apiEndpoint: string;
    apiKey: string;
    secretCiphertext: Uint8Array;
    secretNonce: Uint8Array;
    secretTag: Uint8Array;
    secretWrappedDek: Uint8Array;
    secretKekId: string;
    updatedAt: Date;
  };
  /** The backup an earlier attempt of this job committed, if any. */
  ownBackup: { id: string; proven: boolean } | null;
}

const READ = prepared(
  "key_context",
  `
SELECT k.id, k.name, k.description, k.type, k.size, k.curve, k.operations, k.enabled, k.exportable, k.gone,
       k.backup_id, g.sap_group_id,
       c.id AS connection_id, c.api_endpoint, c.api_key, c.secret_ciphertext, c.secret_nonce, c.secret_tag,
       c.secret_wrapped_dek, c.secret_kek_id, c.updated_at AS connection_updated_at,
       b.id AS own_backup_id, b.proven_at IS NOT NULL AS own_backup_proven
  FROM sap_keys k
  JOIN sap_groups g ON g.id = k.group_id
  JOIN sap_connections c ON c.id = k.connection_id
  LEFT JOIN key_backups b ON b.job_id = $2::uuid
 WHERE k.id = $1::uuid`,
);

interface Row {
  id: string;
  name: string;
  description: string | null;
  type: string;
  size: number | null;
  curve: string | null;
  operations: string[];
  enabled: boolean;
  exportable: boolean;
  gone: boolean;
  backup_id: string | null;
  sap_group_id: string;
  connection_id: string;
  api_endpoint: string;
  api_key: string;
  secret_ciphertext: Buffer;
  secret_nonce: Buffer;
  secret_tag: Buffer;
  secret_wrapped_dek: Buffer;
  secret_kek_id: string;
  connection_updated_at: Date;
  own_backup_id: string | null;
  own_backup_proven: boolean | null;
}

/** One read of everything a job's procedure needs about its key; null if the key is gone from the inventory. */
export async function readKeyContext(db: Queryable, keyId: string, jobId: string): Promise<KeyContext | null> {
  const { rows } = await db.query<Row>({ ...READ, values: [keyId, jobId] });
  const r = rows[0];
  if (!r) return null;
  return {
    key: {
      id: r.id,
      name: r.name,
      description: r.description,
      type: r.type,
      size: r.size,
      curve: r.curve,
      operations: r.operations,
      enabled: r.enabled,
      exportable: r.exportable,
      gone: r.gone,
      backupId: r.backup_id,
      sapGroupId: r.sap_group_id,
    },
    connection: {
      id: r.connection_id,
      apiEndpoint: r.api_endpoint,
      apiKey: r.api_key,
      secretCiphertext: r.secret_ciphertext,
      secretNonce: r.secret_nonce,
      secretTag: r.secret_tag,
      secretWrappedDek: r.secret_wrapped_dek,
      secretKekId: r.secret_kek_id,
      updatedAt: r.connection_updated_at,
    },
    ownBackup: r.own_backup_id ? { id: r.own_backup_id, proven: r.own_backup_proven === true } : null,
  };
}
