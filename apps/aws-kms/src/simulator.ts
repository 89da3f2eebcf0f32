import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "@cckm/log";
import { createApp } from "./app.ts";
import { type AccessKey, AccessKeys } from "./auth/access-keys.ts";
import type { SimulatorContext } from "./context.ts";
import { FaultEngine } from "./faults/fault-engine.ts";
import type { FaultRule } from "./faults/fault-rule.ts";
import { RequestCounter } from "./metrics/request-counter.ts";
import { demoAccount } from "./store/demo-account.ts";
import { KeyStore, type StoreContents } from "./store/key-store.ts";
import { loadState, saveState } from "./store/state-file.ts";

export interface SimulatorOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  seed: number;
  /** The key pairs accepted; each belongs to one account. */
  accessKeys: AccessKey[];
  /** The account the demo keys are made for (none when undefined or when a state file is restored). */
  demoAccountId?: string;
  adminToken: string;
  stateFile?: string;
  faults: FaultRule[];
  logger: Logger;
  /** The clock (epoch ms); Date.now by default. Tests move it to age signatures or reach deletion dates. */
  now?: () => number;
}

export interface RunningSimulator {
  url: string;
  port: number;
  ctx: SimulatorContext;
  /** Whether the keys came from the state file (false: freshly seeded). */
  restored: boolean;
  close(): Promise<void>;
}

function openStore(options: SimulatorOptions, now: number): { store: KeyStore; restored: boolean } {
  const saved = options.stateFile === undefined ? undefined : loadState(options.stateFile);
  const empty: StoreContents = { nextSeq: 0, keys: [], aliases: [] };
  const { demoAccountId: accountId, seed } = options;
  const contents = saved ?? (accountId === undefined ? empty : demoAccount({ seed, accountId, now }));
  const store = new KeyStore(contents);
  const file = options.stateFile;
  if (file !== undefined) {
    store.onChange = () => saveState(file, store.contents());
    if (saved === undefined) store.onChange();
  }
  return { store, restored: saved !== undefined };
}

/** Starts one simulator: its own accounts, keys, faults and counters, on its own port. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const now = options.now ?? Date.now;
  const { store, restored } = openStore(options, now());
  const ctx: SimulatorContext = {
    store,
    accessKeys: new AccessKeys(options.accessKeys),
    faults: new FaultEngine(options.seed, now),
    counter: new RequestCounter(),
    adminToken: options.adminToken,
    logger: options.logger,
    now,
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
