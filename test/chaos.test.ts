import { DEFAULTS, runChaos } from "@cckm/chaos";
import { createTestDatabase } from "@cckm/testkit";
import { describe, expect, it } from "vitest";

// The small, seeded version of `npm run chaos` (chaos/): about 100 keys, each kind of chaos event at
// least once (worker SIGKILL, Redis FLUSHALL and kill, Postgres connections terminated, cut, stalled,
// SAP faults), then the invariant over SAP and Postgres.
describe("a small seeded chaos run", () => {
  it("ends with every job terminal, every key in one of the three states, every fingerprint unchanged", async () => {
    const summary = await runChaos({
      ...DEFAULTS,
      keys: 99,
      seed: 12,
      workers: 2,
      maxEvents: 9,
      durationMs: 120_000,
      maxWaitMs: 120_000,
      gapMs: [1000, 2500],
      database: await createTestDatabase(),
    });
    const report = {
      violations: summary.violations,
      history: summary.violation_keys,
      errors: summary.chaos_event_errors,
    };
    expect(report).toEqual({ violations: [], history: [], errors: [] });
    expect(summary.keys_unrestorable).toBe(0);
    expect(summary.fingerprints.mismatched).toBe(0);
    expect(summary.fingerprints.at_end.keys_compared).toBe(97);
    expect(summary.duplicates_on_sap).toBe(0);
    expect(summary.jobs.active_at_end).toBe(0);
    expect(summary.keys_checked).toBe(99 + 8); // and the demo tenant's keys
    for (const kind of ["worker_kills", "redis_flushes", "redis_kills", "postgres_terminations", "postgres_cuts"])
      expect(summary.outages[kind as keyof typeof summary.outages]).toBeGreaterThan(0);
    expect(summary.faults_injected.total).toBeGreaterThan(0);
    expect(summary.ok).toBe(true);
  }, 300_000);
});
