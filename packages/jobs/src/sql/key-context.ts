import type { ConnectionRow } from "@cckm/inventory";

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
    /** The SAP key id the held backup was taken of (the key's current one, unless a restore since). */
    backupSapKeyId: string | null;
    sapGroupId: string;
  };
  connection: ConnectionRow;
  /** The backup an earlier attempt of this job committed, if any, and how many versions it holds. */
  ownBackup: { id: string; proven: boolean; versionCount: number } | null;
}

/** The context's columns, prefixed so they sit beside a job's; needs CONTEXT_JOINS on a `job` row. */
export const CONTEXT_COLUMNS = `
       k.id AS ctx_key_id, k.name AS ctx_name, k.description AS ctx_description, k.type AS ctx_type,
       k.size AS ctx_size, k.curve AS ctx_curve, k.operations AS ctx_operations, k.enabled AS ctx_enabled,
       k.exportable AS ctx_exportable, k.gone AS ctx_gone, k.backup_id AS ctx_backup_id,
       hb.sap_key_id AS ctx_backup_sap_key_id, g.sap_group_id AS ctx_sap_group_id,
       c.id AS ctx_connection_id, c.api_endpoint AS ctx_api_endpoint, c.api_key AS ctx_api_key,
       c.secret_ciphertext AS ctx_secret_ciphertext, c.secret_nonce AS ctx_secret_nonce,
       c.secret_tag AS ctx_secret_tag, c.secret_wrapped_dek AS ctx_secret_wrapped_dek,
       c.secret_kek_id AS ctx_secret_kek_id, c.updated_at AS ctx_connection_updated_at,
       c.rate_limit_per_second AS ctx_rate_limit_per_second,
       b.id AS ctx_own_backup_id, b.proven_at IS NOT NULL AS ctx_own_backup_proven,
       b.version_count AS ctx_own_backup_versions`;

export const CONTEXT_JOINS = `
  LEFT JOIN sap_keys k ON k.id = job.cckm_key_id
  LEFT JOIN sap_groups g ON g.id = k.group_id
  LEFT JOIN sap_connections c ON c.id = k.connection_id
  LEFT JOIN key_backups b ON b.job_id = job.id
  LEFT JOIN key_backups hb ON hb.id = k.backup_id AND hb.proven_at IS NOT NULL`;

export interface ContextRow {
  ctx_key_id: string | null;
  ctx_name: string;
  ctx_description: string | null;
  ctx_type: string;
  ctx_size: number | null;
  ctx_curve: string | null;
  ctx_operations: string[];
  ctx_enabled: boolean;
  ctx_exportable: boolean;
  ctx_gone: boolean;
  ctx_backup_id: string | null;
  ctx_backup_sap_key_id: string | null;
  ctx_sap_group_id: string;
  ctx_connection_id: string;
  ctx_api_endpoint: string;
  ctx_api_key: string;
  ctx_secret_ciphertext: Buffer;
  ctx_secret_nonce: Buffer;
  ctx_secret_tag: Buffer;
  ctx_secret_wrapped_dek: Buffer;
  ctx_secret_kek_id: string;
  ctx_connection_updated_at: Date;
  ctx_rate_limit_per_second: number | null;
  ctx_own_backup_id: string | null;
  ctx_own_backup_proven: boolean | null;
  ctx_own_backup_versions: number | null;
}

/** The context of a row read with CONTEXT_COLUMNS; null if the key is not in the inventory. */
export function contextFromRow(r: ContextRow): KeyContext | null {
  if (r.ctx_key_id === null) return null;
  return {
    key: {
      id: r.ctx_key_id,
      name: r.ctx_name,
      description: r.ctx_description,
      type: r.ctx_type,
      size: r.ctx_size,
      curve: r.ctx_curve,
      operations: r.ctx_operations,
      enabled: r.ctx_enabled,
      exportable: r.ctx_exportable,
      gone: r.ctx_gone,
      backupId: r.ctx_backup_id,
      backupSapKeyId: r.ctx_backup_sap_key_id,
      sapGroupId: r.ctx_sap_group_id,
    },
    connection: {
      id: r.ctx_connection_id,
      apiEndpoint: r.ctx_api_endpoint,
      apiKey: r.ctx_api_key,
      secretCiphertext: r.ctx_secret_ciphertext,
      secretNonce: r.ctx_secret_nonce,
      secretTag: r.ctx_secret_tag,
      secretWrappedDek: r.ctx_secret_wrapped_dek,
      secretKekId: r.ctx_secret_kek_id,
      updatedAt: r.ctx_connection_updated_at,
      rateLimitPerSecond: r.ctx_rate_limit_per_second,
    },
    ownBackup: r.ctx_own_backup_id
      ? {
          id: r.ctx_own_backup_id,
          proven: r.ctx_own_backup_proven === true,
          versionCount: r.ctx_own_backup_versions ?? 0,
        }
      : null,
  };
}
