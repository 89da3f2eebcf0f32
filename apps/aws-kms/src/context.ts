import type { Logger } from "@cckm/log";
import type { AccessKeys } from "./auth/access-keys.ts";
import type { FaultEngine } from "./faults/fault-engine.ts";
import type { RequestCounter } from "./metrics/request-counter.ts";
import type { KeyStore } from "./store/key-store.ts";

/** Everything a handler may use; one per simulator instance. */
export interface SimulatorContext {
  store: KeyStore;
  accessKeys: AccessKeys;
  faults: FaultEngine;
  counter: RequestCounter;
  adminToken: string;
  logger: Logger;
  /** The simulator's clock (epoch ms): signature dates, creation and deletion dates. Tests inject one. */
  now: () => number;
}
