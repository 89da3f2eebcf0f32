import { ACTIVE_STATES_SQL, type Queryable, SQL_STATE } from "@cckm/db";
import type { ConnectionRow } from "@cckm/inventory";

export interface InventoryKey {
  id: string;
  connectionId: string;
  sapKeyId: string;
  /** The SAP id of the key's group (its original group, where a restore re-creates it). */
  sapGroupId: string;
  name: string;
  description: string | null;
  type: string;
  size: number | null;
  curve: string | null;
  gone: boolean;
  backupId: string | null;
  totalVersions: number;
  /** The key's latest delete job that ended DONE, if any. */
  lastDelete: { id: string; deleteIfBackupFails: boolean; backupStatus: string } | null;
  /** The key's latest job, whatever its state, for the report. */
  lastJob: { id: string; operation: string; state: string; errorCode: string | null } | null;
}

export interface ActiveJob {
  id: string;
  keyId: string;
  sapKeyId: string;
  operation: string;
  state: string;
}

export interface Inventory {
  connections: ConnectionRow[];
  /** SAP group ids the inventory knows, per connection. */
  groups: Map<string, Set<string>>;
  keys: InventoryKey[];
  activeJobs: ActiveJob[];
}

const CONNECTIONS = `
SELECT id, api_endpoint AS "apiEndpoint", api_key AS "apiKey", secret_ciphertext AS "secretCiphertext",
       secret_nonce AS "secretNonce", secret_tag AS "secretTag", secret_wrapped_dek AS "secretWrappedDek",
       secret_kek_id AS "secretKekId", updated_at AS "updatedAt"
  FROM sap_connections ORDER BY created_at, id`;

const GROUPS = "SELECT connection_id, sap_group_id FROM sap_groups";

const KEYS = `
SELECT k.id, k.connection_id, k.sap_key_id, g.sap_group_id, k.name, k.description, k.type, k.size, k.curve,
       k.gone, k.backup_id, k.total_versions,
       d.id AS delete_id, d.delete_if_backup_fails, d.backup_status::text AS backup_status,
       j.id AS job_id, j.operation::text AS job_operation, j.state::text AS job_state, j.error_code AS job_error_code
  FROM sap_keys k
  JOIN sap_groups g ON g.id = k.group_id
  LEFT JOIN LATERAL (
    SELECT id, delete_if_backup_fails, backup_status FROM sap_key_jobs
     WHERE cckm_key_id = k.id AND operation = 'delete' AND state = ${SQL_STATE.DONE}
     ORDER BY created_at DESC, id DESC LIMIT 1) d ON true
  LEFT JOIN LATERAL (
    SELECT id, operation, state, error_code FROM sap_key_jobs
     WHERE cckm_key_id = k.id ORDER BY created_at DESC, id DESC LIMIT 1) j ON true
 ORDER BY k.created_at, k.id`;

const ACTIVE = `
SELECT id, cckm_key_id, key_id, operation::text AS operation, state::text AS state
  FROM sap_key_jobs WHERE state IN (${ACTIVE_STATES_SQL}) ORDER BY created_at, id`;

interface KeyRow {
  id: string;
  connection_id: string;
  sap_key_id: string;
  sap_group_id: string;
  name: string;
  description: string | null;
  type: string;
  size: number | null;
  curve: string | null;
  gone: boolean;
  backup_id: string | null;
  total_versions: number;
  delete_id: string | null;
  delete_if_backup_fails: boolean | null;
  backup_status: string | null;
  job_id: string | null;
  job_operation: string | null;
  job_state: string | null;
  job_error_code: string | null;
}

function keyFromRow(r: KeyRow): InventoryKey {
  return {
    id: r.id,
    connectionId: r.connection_id,
    sapKeyId: r.sap_key_id,
    sapGroupId: r.sap_group_id,
    name: r.name,
    description: r.description,
    type: r.type,
    size: r.size,
    curve: r.curve,
    gone: r.gone,
    backupId: r.backup_id,
    totalVersions: r.total_versions,
    lastDelete:
      r.delete_id === null
        ? null
        : {
            id: r.delete_id,
            deleteIfBackupFails: r.delete_if_backup_fails === true,
            backupStatus: r.backup_status ?? "none",
          },
    lastJob:
      r.job_id === null
        ? null
        : {
            id: r.job_id,
            operation: r.job_operation ?? "",
            state: r.job_state ?? "",
            errorCode: r.job_error_code,
          },
  };
}

/** The inventory side of the check: connections, known groups, keys with their last jobs, active jobs. */
export async function readInventory(db: Queryable): Promise<Inventory> {
  const connections = (await db.query<ConnectionRow>(CONNECTIONS)).rows;
  const groups = new Map<string, Set<string>>();
  for (const g of (await db.query<{ connection_id: string; sap_group_id: string }>(GROUPS)).rows) {
    const set = groups.get(g.connection_id) ?? new Set<string>();
    set.add(g.sap_group_id);
    groups.set(g.connection_id, set);
  }
  const keys = (await db.query<KeyRow>(KEYS)).rows.map(keyFromRow);
  const activeJobs = (
    await db.query<{ id: string; cckm_key_id: string; key_id: string; operation: string; state: string }>(ACTIVE)
  ).rows.map((r) => ({ id: r.id, keyId: r.cckm_key_id, sapKeyId: r.key_id, operation: r.operation, state: r.state }));
  return { connections, groups, keys, activeJobs };
}
