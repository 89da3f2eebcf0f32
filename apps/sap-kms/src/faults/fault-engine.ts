import { FaultEngine as SharedFaultEngine } from "@cckm/sim-faults";
import type { RouteId } from "../routes/route-ids.ts";
import { type FaultRule, SAP_FAULT_FORMAT } from "./fault-rule.ts";

/** The SAP simulator's fault rules in force: by route id and `keyId`. */
export class FaultEngine extends SharedFaultEngine<FaultRule, RouteId> {
  constructor(baseSeed: number, now?: () => number) {
    super(SAP_FAULT_FORMAT, baseSeed, now);
  }
}
