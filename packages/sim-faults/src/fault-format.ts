import type { FaultEffectName, FaultEffects } from "./fault-effects.ts";

/** What one simulator calls the parts of its fault rules. */
export interface FaultRuleFormat {
  /** The field naming the route a rule applies to (`route`, `operation`)… */
  routeField: string;
  /** …and its values besides `*`. */
  routes: readonly string[];
  /** The field limiting a rule to requests about one resource (`keyId`, `resourceId`)… */
  targetField: string;
  /** …and its longest value. */
  targetMaxLength: number;
  /** The effects the simulator accepts, in the order its rules list them. */
  effects: readonly FaultEffectName[];
  /** The status of an error whose rule gives none. */
  defaultStatus: number;
}

/** A fault rule as `F` spells it. */
export type FaultRuleOf<F extends FaultRuleFormat> = { [P in F["routeField"]]: F["routes"][number] | "*" } & {
  [P in F["targetField"]]?: string;
} & Pick<FaultEffects, F["effects"][number]>;
