import type { Logger } from "@cckm/log";
import type { FaultEngine } from "./faults/fault-engine.ts";
import type { RetryTokens } from "./http/retry-tokens.ts";
import type { RequestCounter } from "./metrics/request-counter.ts";
import type { Timing } from "./store/lifecycle.ts";
import type { OciStore } from "./store/store.ts";

/** Everything a handler may use; one per simulator instance. */
export interface SimulatorContext {
  store: OciStore;
  faults: FaultEngine;
  counter: RequestCounter;
  retryTokens: RetryTokens;
  adminToken: string;
  logger: Logger;
  /** The simulator's clock (ms since the epoch); tests may inject their own. */
  clock: () => number;
  /** How long transitional states (CREATING, ENABLING, SCHEDULING_DELETION...) last. */
  transitionDelayMs: number;
  /** The region of the root vault endpoint (`/20180608/...` without `/regions/<region>`). */
  defaultRegion: string;
  /** Base of the endpoints the simulator advertises; undefined: the URL each request came to. */
  publicUrl: string | undefined;
  /** Modulus of the vaults' wrapping keys (OCI's are RSA-4096). */
  wrappingKeyBits: number;
}

export const timing = (ctx: SimulatorContext): Timing => ({ now: ctx.clock(), delayMs: ctx.transitionDelayMs });
