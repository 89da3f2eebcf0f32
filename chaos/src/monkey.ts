import type { BenchStack } from "@cckm/bench/src/stack.ts";
import { createRedisConnection, standaloneTarget } from "@cckm/queue";
import type { TcpProxy } from "@cckm/testkit";
import type pg from "pg";
import { FaultTally, faultSet } from "./faults.ts";
import type { ChaosRedis } from "./infra.ts";
import { type Prng, pause } from "./prng.ts";
import type { SapAdmin } from "./sap-admin.ts";

export interface MonkeyDeps {
  stack: BenchStack;
  redis: ChaosRedis;
  proxy: TcpProxy;
  observer: pg.Pool;
  admin: SapAdmin;
  prng: Prng;
  workers: number;
  workerConcurrency: number;
  maxEvents: number;
  durationMs: number;
  /** Pause between two events, drawn in [min, max] ms. */
  gapMs: [number, number];
  log(line: string): void;
}

export interface MonkeyCounts {
  events: number;
  worker_kills: number;
  redis_flushes: number;
  redis_kills: number;
  postgres_terminations: number;
  postgres_connections_terminated: number;
  postgres_cuts: number;
  postgres_stalls: number;
  postgres_down_ms: number;
  fault_rotations: number;
  event_errors: string[];
}

const WEIGHTS = {
  kill_worker: 4,
  flush_redis: 1,
  kill_redis: 1,
  terminate_postgres: 2,
  cut_postgres: 2,
  stall_postgres: 1,
  rotate_faults: 2,
};
type Event = keyof typeof WEIGHTS;

/**
 * The chaos: one event at a time, each kind once in a seeded order and then chosen by the seeded PRNG, each leaving the system whole again when
 * it ends (a killed worker is started again, a cut Postgres comes back), with seeded pauses between.
 */
export class Monkey {
  readonly counts: MonkeyCounts = {
    events: 0,
    worker_kills: 0,
    redis_flushes: 0,
    redis_kills: 0,
    postgres_terminations: 0,
    postgres_connections_terminated: 0,
    postgres_cuts: 0,
    postgres_stalls: 0,
    postgres_down_ms: 0,
    fault_rotations: 0,
    event_errors: [],
  };
  readonly faults = new FaultTally();
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(private readonly deps: MonkeyDeps) {}

  async start(): Promise<void> {
    await this.deps.admin.setFaults(faultSet(this.deps.prng, 1));
    this.loop = this.run();
  }

  /** Ends the chaos: the current event finishes, faults are cleared, every worker runs. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await this.faults.replace(this.deps.admin, []);
    await this.topUpWorkers();
  }

  private async run(): Promise<void> {
    const end = Date.now() + this.deps.durationMs;
    const { prng, gapMs } = this.deps;
    const opening = (Object.keys(WEIGHTS) as Event[])
      .map((e) => ({ e, r: prng.next() }))
      .sort((a, b) => a.r - b.r)
      .map(({ e }) => e);
    while (!this.stopping.signal.aborted && this.counts.events < this.deps.maxEvents && Date.now() < end) {
      await pause(prng.int(gapMs[0], gapMs[1]), this.stopping.signal);
      if (this.stopping.signal.aborted) break;
      // Every kind once first (in a seeded order), so even a short run has each; then by weight.
      const event = opening.shift() ?? prng.weighted(WEIGHTS);
      this.counts.events++;
      try {
        await this.act(event);
      } catch (error) {
        this.counts.event_errors.push(`${event}: ${(error as Error).message.split("\n")[0]}`);
        await this.topUpWorkers().catch(() => {});
      }
    }
  }

  private async act(event: Event): Promise<void> {
    const { stack, prng, proxy, log } = this.deps;
    log(`chaos: ${event}`);
    switch (event) {
      case "kill_worker": {
        const index = prng.int(0, stack.workers.length - 1);
        const [victim] = stack.workers.splice(index, 1);
        if (victim) {
          await victim.process.stop("SIGKILL");
          this.counts.worker_kills++;
        }
        await this.topUpWorkers();
        return;
      }
      case "flush_redis": {
        const client = createRedisConnection(standaloneTarget(this.deps.redis.url), "tool", "cckm-chaos");
        try {
          await client.flushall();
          this.counts.redis_flushes++;
        } finally {
          client.disconnect();
        }
        return;
      }
      case "kill_redis":
        await this.deps.redis.kill(() => this.outage(prng.int(1000, 3000)));
        this.counts.redis_kills++;
        return;
      case "terminate_postgres": {
        const { rowCount } = await this.deps.observer.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> 'cckm-chaos'`,
        );
        this.counts.postgres_terminations++;
        this.counts.postgres_connections_terminated += rowCount ?? 0;
        return;
      }
      case "cut_postgres": {
        await proxy.down();
        this.counts.postgres_cuts++;
        await this.outage(prng.int(2000, 6000), true);
        await proxy.up();
        return;
      }
      case "stall_postgres": {
        proxy.stall();
        this.counts.postgres_stalls++;
        await this.outage(prng.int(2000, 5000), true);
        await proxy.down();
        await proxy.up();
        return;
      }
      case "rotate_faults":
        // Now and then the faults pause for a while (SAP healthy), otherwise a new seeded set.
        await this.faults.replace(this.deps.admin, prng.next() < 0.2 ? [] : faultSet(prng, 0.5 + prng.next()));
        this.counts.fault_rotations++;
        return;
    }
  }

  /** An outage lasts its whole length, even while the run stops (the system must recover from it). */
  private async outage(ms: number, postgres = false): Promise<void> {
    await pause(ms);
    if (postgres) this.counts.postgres_down_ms += ms;
  }

  private async topUpWorkers(): Promise<void> {
    while (this.deps.stack.workers.length < this.deps.workers) {
      await this.deps.stack.startWorker(this.deps.workerConcurrency);
    }
  }
}
