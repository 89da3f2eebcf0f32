/** What a key of the inventory may be after any sequence of jobs and faults: exactly one of these. */
export const KEY_STATES = ["on_sap", "gone_restorable", "gone_without_backup"] as const;
export type KeyState = (typeof KEY_STATES)[number];

export const VIOLATION_CODES = [
  /** Not gone, but SAP does not list the key under the inventory's sap_key_id. */
  "MISSING_ON_SAP",
  /** On SAP, but with another number of versions than the inventory counts. */
  "VERSION_COUNT_MISMATCH",
  /** Gone, yet SAP still lists the key. */
  "GONE_BUT_ON_SAP",
  /** Gone with no backup, and not after a delete that was told to go on without one. */
  "GONE_UNRESTORABLE",
  /** Gone with a backup that a restore could not use (unproven, incomplete, does not open or match). */
  "BACKUP_UNPROVABLE",
  /** A SAP key no inventory key names, with the group and name of a gone key: a half-done restore. */
  "HALF_RESTORED",
  /** A SAP key in a group the inventory knows that no inventory key names. */
  "UNKNOWN_ON_SAP",
  /** Two inventory keys name one SAP key. */
  "DUPLICATE",
  /** A name or description (SAP's or the inventory's) carries our restore marker text. */
  "MARKER_IN_METADATA",
  /** A job is still PENDING or IN_PROGRESS: its key is not checked. */
  "JOB_ACTIVE",
] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

export interface Violation {
  code: ViolationCode;
  /** The inventory key (CipherTrust resource id), or null for a SAP key the inventory does not name. */
  key_id: string | null;
  sap_key_id: string | null;
  /** Ids, names, counts and error codes only: never key material or secrets. */
  detail: string;
}

export interface InvariantReport {
  ok: boolean;
  keys_checked: number;
  sap_keys_listed: number;
  states: Record<KeyState, number>;
  violations_by_code: Partial<Record<ViolationCode, number>>;
  violations: Violation[];
}

export function buildReport(
  keysChecked: number,
  sapKeysListed: number,
  states: KeyState[],
  violations: Violation[],
): InvariantReport {
  const counts: Record<KeyState, number> = { on_sap: 0, gone_restorable: 0, gone_without_backup: 0 };
  for (const s of states) counts[s]++;
  const byCode: Partial<Record<ViolationCode, number>> = {};
  for (const v of violations) byCode[v.code] = (byCode[v.code] ?? 0) + 1;
  return {
    ok: violations.length === 0,
    keys_checked: keysChecked,
    sap_keys_listed: sapKeysListed,
    states: counts,
    violations_by_code: byCode,
    violations,
  };
}
