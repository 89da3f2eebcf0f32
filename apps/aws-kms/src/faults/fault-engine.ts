import { type FaultDecision as SharedDecision, FaultEngine as SharedFaultEngine } from "@cckm/sim-faults";
import type { OperationName } from "../operations/operation-names.ts";
import { AWS_FAULT_FORMAT, type FaultRule } from "./fault-rule.ts";
import { type FaultOutcome, kmsOutcome } from "./kms-outcome.ts";

export type { FaultOutcome } from "./kms-outcome.ts";

export interface FaultDecision extends Omit<SharedDecision, "outcome"> {
  outcome: FaultOutcome;
}

/** The AWS simulator's fault rules in force: by operation and `keyId`, decided in KMS terms. */
export class FaultEngine {
  private readonly engine: SharedFaultEngine<FaultRule, OperationName>;

  constructor(baseSeed: number, now?: () => number) {
    this.engine = new SharedFaultEngine(AWS_FAULT_FORMAT, baseSeed, now);
  }

  list() {
    return this.engine.list();
  }

  replace(rules: FaultRule[]) {
    return this.engine.replace(rules);
  }

  add(rule: FaultRule) {
    return this.engine.add(rule);
  }

  remove(id: string): boolean {
    return this.engine.remove(id);
  }

  decide(operation: OperationName, keyId: string | undefined): FaultDecision {
    const decision = this.engine.decide(operation, keyId);
    return { ...decision, outcome: kmsOutcome(decision.outcome) };
  }
}
