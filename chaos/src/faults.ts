import type { Prng } from "./prng.ts";
import type { FaultRule, SapAdmin } from "./sap-admin.ts";

/**
 * The simulator's faults while the chaos lasts, scaled by `level` (0.5–1.5) and seeded from the run:
 * 5xx before the work on every route, and after it (the change made, the answer lost) on delete and
 * unwrap; hangs (the client's timeout) before and after; 429s on export and list.
 */
export function faultSet(prng: Prng, level: number): FaultRule[] {
  const rate = (r: number) => Math.min(1, Math.round(r * level * 1000) / 1000);
  return [
    { route: "*", errorRate: rate(0.02), status: 503, seed: prng.seed() },
    { route: "keys.delete", errorRate: rate(0.1), status: 502, after: true, seed: prng.seed() },
    { route: "crypto.unwrap", errorRate: rate(0.08), status: 500, after: true, seed: prng.seed() },
    { route: "crypto.unwrap", hangRate: rate(0.02), after: true, seed: prng.seed() },
    { route: "keys.get", errorRate: rate(0.1), status: 503, seed: prng.seed() },
    { route: "versions.export", errorRate: rate(0.05), status: 500, seed: prng.seed() },
    { route: "versions.export", rateLimit: 60, windowMs: 1000, retryAfterSeconds: 1 },
    { route: "keys.list", rateLimit: 15, windowMs: 1000, retryAfterSeconds: 1 },
    { route: "*", hangRate: rate(0.005), seed: prng.seed() },
  ];
}

const label = (f: FaultRule) =>
  [
    f.route,
    f.rateLimit !== undefined ? "429" : f.hangRate !== undefined ? "hang" : String(f.status ?? 503),
    f.after ? "after" : "before",
  ].join(" ");

/** Counts of faults the simulator applied, by rule kind (`route status|429|hang before|after`). */
export class FaultTally {
  readonly applied: Record<string, number> = {};

  /** Adds what the rules in force applied so far, then puts `next` in their place (counts start over). */
  async replace(admin: SapAdmin, next: FaultRule[]): Promise<void> {
    await this.collect(admin);
    await admin.setFaults(next);
  }

  async collect(admin: SapAdmin): Promise<void> {
    for (const f of await admin.faults()) {
      if (f.used > 0) this.applied[label(f)] = (this.applied[label(f)] ?? 0) + f.used;
    }
  }

  total(): number {
    return Object.values(this.applied).reduce((a, b) => a + b, 0);
  }
}
