import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "@cckm/log";
import { createApp } from "./app.ts";
import { TokenService } from "./auth/token-service.ts";
import type { SimulatorContext } from "./context.ts";
import { FaultEngine } from "./faults/fault-engine.ts";
import type { FaultRule } from "./faults/fault-rule.ts";
import { RequestCounter } from "./metrics/request-counter.ts";
import { demoTenant } from "./store/demo-tenant.ts";
import { loadState, saveState } from "./store/state-file.ts";
import { TenantStore } from "./store/tenant-store.ts";

export interface SimulatorOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  seed: number;
  apiKey: string;
  secret: string;
  adminToken: string;
  tokenTtlSeconds: number;
  stateFile?: string;
  faults: FaultRule[];
  logger: Logger;
}

export interface RunningSimulator {
  url: string;
  port: number;
  ctx: SimulatorContext;
  /** Whether the tenant came from the state file (false: freshly seeded). */
  restored: boolean;
  close(): Promise<void>;
}

async function openStore(options: SimulatorOptions): Promise<{ store: TenantStore; restored: boolean }> {
  const saved = options.stateFile === undefined ? undefined : loadState(options.stateFile);
  const contents = saved ?? (await demoTenant(options));
  // Credentials always come from the configuration, never from the state file.
  const [user] = contents.tenant.users;
  if (user !== undefined) Object.assign(user, { apiKey: options.apiKey, secret: options.secret });
  const store = new TenantStore(contents);
  const file = options.stateFile;
  if (file !== undefined) {
    store.onChange = () => saveState(file, store.contents());
    if (saved === undefined) store.onChange();
  }
  return { store, restored: saved !== undefined };
}

/** Starts one simulator: its own tenant, tokens, faults and counters, on its own port. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const { store, restored } = await openStore(options);
  const ctx: SimulatorContext = {
    store,
    tokens: new TokenService(options.tokenTtlSeconds),
    faults: new FaultEngine(options.seed),
    counter: new RequestCounter(),
    adminToken: options.adminToken,
    logger: options.logger,
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
