import type { RouteId } from "../routes/route-ids.ts";
import type { FaultRule } from "./fault-rule.ts";
import { mulberry32, ruleSeed } from "./prng.ts";

export type FaultOutcome =
  | { kind: "none" }
  | { kind: "rateLimited"; retryAfterSeconds: number }
  | { kind: "hang"; after: boolean }
  | { kind: "error"; status: number; after: boolean };

export interface FaultDecision {
  latencyMs: number;
  outcome: FaultOutcome;
  /** Ids of the rules that affected this request (answered in the `X-Sim-Faults` header). */
  applied: string[];
}

interface ActiveRule {
  id: string;
  rule: FaultRule;
  random: () => number;
  used: number;
  windowStart: number;
  windowCount: number;
}

export interface FaultRuleView extends FaultRule {
  id: string;
  used: number;
}

/**
 * The fault rules in force and their state. Each rule draws from its own mulberry32, seeded by the
 * rule's `seed` or by the run's seed and the rule's position, so the same rules over the same
 * requests make the same choices. Replacing the rules starts the sequences afresh.
 */
export class FaultEngine {
  private rules: ActiveRule[] = [];
  private added = 0;

  constructor(
    private readonly baseSeed: number,
    private readonly now: () => number = Date.now,
  ) {}

  list(): FaultRuleView[] {
    return this.rules.map((r) => ({ id: r.id, ...r.rule, used: r.used }));
  }

  replace(rules: FaultRule[]): FaultRuleView[] {
    this.rules = [];
    this.added = 0;
    for (const rule of rules) this.add(rule);
    return this.list();
  }

  add(rule: FaultRule): FaultRuleView {
    const n = this.added++;
    const active = {
      id: `f${n + 1}`,
      rule,
      random: mulberry32(rule.seed ?? ruleSeed(this.baseSeed, n)),
      used: 0,
      windowStart: 0,
      windowCount: 0,
    };
    this.rules.push(active);
    return { id: active.id, ...rule, used: 0 };
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  decide(route: RouteId, resourceId: string | undefined): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, outcome: { kind: "none" }, applied: [] };
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.route !== "*" && rule.route !== route) continue;
      if (rule.resourceId !== undefined && rule.resourceId !== resourceId) continue;
      if (rule.times !== undefined && active.used >= rule.times) continue;
      if (this.apply(active, decision)) {
        active.used++;
        decision.applied.push(active.id);
      }
    }
    return decision;
  }

  /** Applies one rule to the decision; whether it changed anything. */
  private apply(active: ActiveRule, decision: FaultDecision): boolean {
    const { rule } = active;
    const free = decision.outcome.kind === "none";
    let affected = false;
    if (rule.rateLimit !== undefined) {
      const now = this.now();
      if (now - active.windowStart >= (rule.windowMs ?? 1000)) {
        active.windowStart = now;
        active.windowCount = 0;
      }
      active.windowCount++;
      if (active.windowCount > rule.rateLimit && free) {
        decision.outcome = { kind: "rateLimited", retryAfterSeconds: rule.retryAfterSeconds ?? 1 };
        return true;
      }
    }
    if (rule.latencyMs !== undefined && rule.latencyMs > 0) {
      decision.latencyMs += rule.latencyMs;
      affected = true;
    }
    if (rule.hangRate !== undefined && active.random() < rule.hangRate && decision.outcome.kind === "none") {
      decision.outcome = { kind: "hang", after: rule.after ?? false };
      return true;
    }
    const errorRate = rule.errorRate ?? (rule.status !== undefined ? 1 : undefined);
    if (errorRate !== undefined && active.random() < errorRate && decision.outcome.kind === "none") {
      decision.outcome = { kind: "error", status: rule.status ?? 503, after: rule.after ?? false };
      return true;
    }
    return affected;
  }
}
