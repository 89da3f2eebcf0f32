import { FaultEngine as SharedFaultEngine } from "@cckm/sim-faults";
import type { RouteId } from "../routes/route-ids.ts";
import { type FaultRule, OCI_FAULT_FORMAT } from "./fault-rule.ts";

/** The OCI simulator's fault rules in force: by route id and `resourceId`. */
export class FaultEngine extends SharedFaultEngine<FaultRule, RouteId> {
  constructor(baseSeed: number, now?: () => number) {
    super(OCI_FAULT_FORMAT, baseSeed, now);
  }
}
