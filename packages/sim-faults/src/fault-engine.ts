import type { FaultEffects } from "./fault-effects.ts";
import type { FaultRuleFormat } from "./fault-format.ts";
import type { FaultDecision } from "./fault-outcome.ts";
import { mulberry32, ruleSeed } from "./prng.ts";

interface ActiveRule<Rule> {
  id: string;
  rule: Rule;
  random: () => number;
  used: number;
  windowStart: number;
  windowCount: number;
}

export type FaultRuleView<Rule> = Rule & { id: string; used: number };

/**
 * The fault rules in force and their state. Each rule draws from its own mulberry32, seeded by the
 * rule's `seed` or by the run's seed and the rule's position, so the same rules over the same
 * requests make the same choices. Replacing the rules starts the sequences afresh. `format` names
 * the fields a rule's route and target are in, and the status of an error that gives none.
 */
export class FaultEngine<Rule extends FaultEffects, Route extends string> {
  private rules: ActiveRule<Rule>[] = [];
  private added = 0;

  constructor(
    private readonly format: Pick<FaultRuleFormat, "routeField" | "targetField" | "defaultStatus">,
    private readonly baseSeed: number,
    private readonly now: () => number = Date.now,
  ) {}

  list(): FaultRuleView<Rule>[] {
    return this.rules.map((r) => ({ id: r.id, ...r.rule, used: r.used }));
  }

  replace(rules: Rule[]): FaultRuleView<Rule>[] {
    this.rules = [];
    this.added = 0;
    for (const rule of rules) this.add(rule);
    return this.list();
  }

  add(rule: Rule): FaultRuleView<Rule> {
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

  /** The faults for one request of `route` about `target` (undefined when it names none). */
  decide(route: Route, target: string | undefined): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, outcome: { kind: "none" }, applied: [] };
    for (const active of this.rules) {
      const fields = active.rule as Record<string, unknown>;
      const ruleRoute = fields[this.format.routeField];
      const ruleTarget = fields[this.format.targetField];
      if (ruleRoute !== "*" && ruleRoute !== route) continue;
      if (ruleTarget !== undefined && ruleTarget !== target) continue;
      if (active.rule.times !== undefined && active.used >= active.rule.times) continue;
      if (this.apply(active, decision)) {
        active.used++;
        decision.applied.push(active.id);
      }
    }
    return decision;
  }

  /** Applies one rule to the decision; whether it changed anything. */
  private apply(active: ActiveRule<Rule>, decision: FaultDecision): boolean {
    const { rule } = active;
    const free = () => decision.outcome.kind === "none";
    const rateLimited = () => ({ kind: "rateLimited" as const, retryAfterSeconds: rule.retryAfterSeconds ?? 1 });
    let affected = false;
    if (rule.rateLimit !== undefined) {
      const now = this.now();
      if (now - active.windowStart >= (rule.windowMs ?? 1000)) {
        active.windowStart = now;
        active.windowCount = 0;
      }
      active.windowCount++;
      if (active.windowCount > rule.rateLimit && free()) {
        decision.outcome = rateLimited();
        return true;
      }
    }
    if (rule.throttleRate !== undefined && active.random() < rule.throttleRate && free()) {
      decision.outcome = rateLimited();
      return true;
    }
    if (rule.latencyMs !== undefined && rule.latencyMs > 0) {
      decision.latencyMs += rule.latencyMs;
      affected = true;
    }
    if (rule.hangRate !== undefined && active.random() < rule.hangRate && free()) {
      decision.outcome = { kind: "hang", after: rule.after ?? false };
      return true;
    }
    const errorRate = rule.errorRate ?? (rule.status !== undefined ? 1 : undefined);
    if (errorRate !== undefined && active.random() < errorRate && free()) {
      const status = rule.status ?? this.format.defaultStatus;
      const errorType = rule.errorType === undefined ? {} : { errorType: rule.errorType };
      decision.outcome = { kind: "error", status, after: rule.after ?? false, ...errorType };
      return true;
    }
    return affected;
  }
}
