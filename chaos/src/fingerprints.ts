import type pg from "pg";
import { mapLimit } from "./prng.ts";
import type { SapAdmin } from "./sap-admin.ts";
import type { SeededKey } from "./seed.ts";

export interface FingerprintCounts {
  /** Keys whose material was compared with the start. */
  keys_compared: number;
  versions_compared: number;
  /** Keys with any version whose digest differs from the start (or that SAP does not hold). */
  mismatched: number;
  mismatched_keys: string[];
}

export const emptyFingerprints = (): FingerprintCounts => ({
  keys_compared: 0,
  versions_compared: 0,
  mismatched: 0,
  mismatched_keys: [],
});

interface KeyNow {
  id: string;
  sap_key_id: string;
  gone: boolean;
  digests: string[] | null;
}

/**
 * Compares each key's material now with what it was at the start, by SHA-256 only: a key on SAP by the
 * simulator's admin fingerprints of its versions, a gone key by the digests of the backup it holds.
 * `onlyRestored` limits it to keys on SAP under a new SAP id (restored ones).
 */
export async function compareFingerprints(
  db: pg.Pool,
  admin: SapAdmin,
  keys: SeededKey[],
  into: FingerprintCounts,
  onlyRestored = false,
): Promise<void> {
  const { rows } = await db.query<KeyNow>(
    `SELECT k.id, k.sap_key_id, k.gone,
            (SELECT array_agg(v.digest ORDER BY v.version) FROM key_backup_versions v WHERE v.backup_id = k.backup_id) AS digests
       FROM sap_keys k WHERE k.id = ANY($1::uuid[])`,
    [keys.filter((k) => k.exportable).map((k) => k.cckmKeyId)],
  );
  const now = new Map(rows.map((r) => [r.id, r]));
  await mapLimit(
    keys.filter((k) => k.exportable),
    16,
    async (key) => {
      const row = now.get(key.cckmKeyId);
      if (!row) return;
      if (onlyRestored && (row.gone || row.sap_key_id === key.sapKeyId)) return;
      let current: Array<string | null>;
      if (!row.gone) {
        current = [];
        for (let v = 0; v < key.versions; v++) current.push(await admin.fingerprint(row.sap_key_id, v));
      } else if (row.digests) current = row.digests;
      else return; // gone without a backup: the invariant check names it
      into.keys_compared++;
      into.versions_compared += key.versions;
      if (current.length !== key.fingerprints.length || current.some((d, i) => d !== key.fingerprints[i])) {
        into.mismatched++;
        if (into.mismatched_keys.length < 50) into.mismatched_keys.push(key.cckmKeyId);
      }
    },
  );
}

/** The job history of a key, for the report of a violation: states, codes and attempts, never material. */
export async function jobHistory(db: pg.Pool, keyId: string) {
  const { rows } = await db.query(
    `SELECT j.operation::text AS operation, j.state::text AS state, j.backup_status::text AS backup_status,
            j.error_code, j.attempts, j.created_at, j.completed_at,
            (SELECT array_agg(coalesce(e.from_state::text, '∅') || '→' || e.to_state::text ||
                              coalesce(' ' || e.error_code, '') ORDER BY e.id)
               FROM sap_key_job_events e WHERE e.job_id = j.id) AS events
       FROM sap_key_jobs j WHERE j.cckm_key_id = $1::uuid ORDER BY j.created_at, j.id`,
    [keyId],
  );
  return rows;
}
