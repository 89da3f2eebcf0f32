import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "@cckm/log";
import { createApp } from "./app.ts";
import type { SimulatorContext } from "./context.ts";
import { FaultEngine } from "./faults/fault-engine.ts";
import type { FaultRule } from "./faults/fault-rule.ts";
import { RetryTokens } from "./http/retry-tokens.ts";
import { RequestCounter } from "./metrics/request-counter.ts";
import { demoTenancy } from "./store/demo-tenancy.ts";
import { loadState, saveState } from "./store/state-file.ts";
import { OciStore } from "./store/store.ts";

export interface SimulatorOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Seeds the demo vault and key ids and the fault rules' random choices. */
  seed: number;
  adminToken: string;
  /** How long transitional states last (CREATING, ENABLING, SCHEDULING_DELETION...). 0: until the next read. */
  transitionDelayMs: number;
  /** The simulator's clock, ms since the epoch (tests may drive it). Default Date.now. */
  clock?: () => number;
  /** The region of the root vault endpoint. Default us-ashburn-1. */
  defaultRegion?: string;
  /** Base URL of the endpoints vaults advertise (e.g. behind a proxy); default: the URL each request came to. */
  publicUrl?: string;
  /** Modulus of the vaults' wrapping keys; OCI's are 4096 bits. */
  wrappingKeyBits?: number;
  stateFile?: string;
  faults: FaultRule[];
  logger: Logger;
}

export interface RunningSimulator {
  url: string;
  port: number;
  ctx: SimulatorContext;
  /** Whether the state came from the state file (false: freshly seeded). */
  restored: boolean;
  close(): Promise<void>;
}

async function openStore(options: SimulatorOptions, clock: () => number) {
  const saved = options.stateFile === undefined ? undefined : loadState(options.stateFile);
  const store = new OciStore(saved ?? (await demoTenancy({ seed: options.seed, now: clock() })), clock);
  const file = options.stateFile;
  if (file !== undefined) {
    store.onChange = () => saveState(file, store.contents());
    if (saved === undefined) store.onChange();
  }
  return { store, restored: saved !== undefined };
}

/** Starts one simulator: its own tenancies, faults and counters, on its own port. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const clock = options.clock ?? Date.now;
  const { store, restored } = await openStore(options, clock);
  const ctx: SimulatorContext = {
    store,
    faults: new FaultEngine(options.seed),
    counter: new RequestCounter(),
    retryTokens: new RetryTokens(clock),
    adminToken: options.adminToken,
    logger: options.logger,
    clock,
    transitionDelayMs: options.transitionDelayMs,
    defaultRegion: options.defaultRegion ?? "us-ashburn-1",
    publicUrl: options.publicUrl?.replace(/\/+$/, ""),
    wrappingKeyBits: options.wrappingKeyBits ?? 4096,
  };
  ctx.faults.replace(options.faults);
  const server: Server = createApp(ctx).listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    ctx,
    restored,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // hung requests and keep-alive sockets
      }),
  };
}
