import { ACTIVE_STATES, SQL_STATE } from "@cckm/db";
import type { InvariantReport, ViolationCode } from "@cckm/invariant";
import type pg from "pg";
import { type FingerprintCounts, jobHistory } from "./fingerprints.ts";
import type { Monkey } from "./monkey.ts";
import type { ChaosOptions } from "./options.ts";
import type { PassReport } from "./run.ts";
import type { SeededKey } from "./seed.ts";

/** Violations that leave a key where no route of the API brings it back. */
const UNRESTORABLE: ViolationCode[] = ["MISSING_ON_SAP", "GONE_UNRESTORABLE", "BACKUP_UNPROVABLE"];
/** Violations that mean more keys on SAP than the inventory names. */
const DUPLICATES: ViolationCode[] = ["HALF_RESTORED", "UNKNOWN_ON_SAP", "DUPLICATE"];

export interface SummaryInput {
  options: ChaosOptions;
  keys: SeededKey[];
  passes: PassReport[];
  monkey: Monkey;
  restored: FingerprintCounts;
  final: FingerprintCounts;
  invariant: InvariantReport;
  settleLeft: number;
  seconds: number;
  chaosSeconds: number;
}

export type ChaosSummary = Awaited<ReturnType<typeof summarize>>;

/** The run's one JSON summary: ids, counts and codes only. */
export async function summarize(db: pg.Pool, input: SummaryInput) {
  const { invariant, monkey, keys } = input;
  const byState = await db.query<{ operation: string; state: string; n: number }>(
    "SELECT operation::text, state::text, count(*)::int AS n FROM sap_key_jobs GROUP BY 1, 2 ORDER BY 1, 2",
  );
  const failedCodes = await db.query<{ code: string; n: number }>(
    `SELECT coalesce(error_code, '(none)') AS code, count(*)::int AS n FROM sap_key_jobs
      WHERE state = ${SQL_STATE.FAILED} GROUP BY 1 ORDER BY 2 DESC`,
  );
  const attempts = await db.query<{ total: number; max: number }>(
    "SELECT coalesce(sum(attempts), 0)::int AS total, coalesce(max(attempts), 0)::int AS max FROM sap_key_jobs",
  );
  const jobsByState: Record<string, number> = {};
  const jobsByOperation: Record<string, Record<string, number>> = {};
  for (const r of byState.rows) {
    jobsByState[r.state] = (jobsByState[r.state] ?? 0) + r.n;
    jobsByOperation[r.operation] = { ...jobsByOperation[r.operation], [r.state]: r.n };
  }
  const count = (codes: ViolationCode[]) =>
    new Set(invariant.violations.filter((v) => codes.includes(v.code)).map((v) => v.key_id ?? v.sap_key_id)).size;
  const violationKeys = [...new Set(invariant.violations.map((v) => v.key_id).filter((k): k is string => !!k))];
  const unrestorable = count(UNRESTORABLE);
  const mismatched = input.restored.mismatched + input.final.mismatched;
  const active = ACTIVE_STATES.reduce((n, state) => n + (jobsByState[state] ?? 0), 0);
  const { event_errors, ...chaos } = monkey.counts;
  return {
    ok: invariant.ok && unrestorable === 0 && mismatched === 0 && active === 0,
    seed: input.options.seed,
    seconds: input.seconds,
    chaos_seconds: input.chaosSeconds,
    keys: {
      seeded: keys.length,
      by_type: Object.fromEntries(["AES", "RSA", "EC"].map((t) => [t, keys.filter((k) => k.type === t).length])),
      versions: keys.reduce((n, k) => n + k.versions, 0),
      not_exportable: keys.filter((k) => !k.exportable).length,
    },
    workers: input.options.workers,
    passes: input.passes,
    jobs: {
      by_state: jobsByState,
      by_operation: jobsByOperation,
      failed_by_error_code: Object.fromEntries(failedCodes.rows.map((r) => [r.code, r.n])),
      attempts_total: attempts.rows[0]?.total ?? 0,
      attempts_max: attempts.rows[0]?.max ?? 0,
      active_after_settle: input.settleLeft,
      active_at_end: active,
    },
    kills: { workers: chaos.worker_kills, redis: chaos.redis_kills },
    outages: chaos,
    chaos_event_errors: event_errors,
    faults_injected: { total: monkey.faults.total(), by_rule: monkey.faults.applied },
    keys_checked: invariant.keys_checked,
    states: invariant.states,
    keys_unrestorable: unrestorable,
    fingerprints: {
      after_restore: input.restored,
      at_end: input.final,
      mismatched,
    },
    duplicates_on_sap: count(DUPLICATES),
    violations_by_code: invariant.violations_by_code,
    violations: invariant.violations.slice(0, 100),
    violation_keys: await Promise.all(
      violationKeys.slice(0, 20).map(async (id) => ({ key_id: id, jobs: await jobHistory(db, id) })),
    ),
  };
}
