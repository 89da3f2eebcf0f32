import type { Logger } from "@cckm/log";
import type { TokenService } from "./auth/token-service.ts";
import type { FaultEngine } from "./faults/fault-engine.ts";
import type { RequestCounter } from "./metrics/request-counter.ts";
import type { TenantStore } from "./store/tenant-store.ts";

/** Everything a handler may use; one per simulator instance. */
export interface SimulatorContext {
  store: TenantStore;
  tokens: TokenService;
  faults: FaultEngine;
  counter: RequestCounter;
  adminToken: string;
  logger: Logger;
}
