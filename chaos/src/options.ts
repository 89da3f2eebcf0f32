import { parseArgs } from "node:util";
import type { ChaosDatabase } from "./infra.ts";

export interface ChaosOptions {
  /** Keys seeded on SAP (AES, RSA and EC in turn, 1–3 versions each). */
  keys: number;
  seed: number;
  /** Worker processes (each WORKER_CONCURRENCY = workerConcurrency). */
  workers: number;
  workerConcurrency: number;
  /** The chaos stops after this long, or when the three passes are through, whichever comes first. */
  durationMs: number;
  /** And after this many events. */
  maxEvents: number;
  /** Bound of each wait for every job to be terminal (after each pass, after the faults stop). */
  maxWaitMs: number;
  /** Pause between two chaos events, drawn in [min, max]. */
  gapMs: [number, number];
  /** A database of the caller's (a test's clone); else the run makes `cckm_chaos_*` and drops it. */
  database?: ChaosDatabase;
  /** Progress lines (stderr by default in the CLI). */
  log?: (line: string) => void;
}

export const DEFAULTS: Omit<ChaosOptions, "database" | "log"> = {
  keys: 1200,
  seed: 1,
  workers: 2,
  workerConcurrency: 4,
  durationMs: 20 * 60_000,
  maxEvents: 400,
  maxWaitMs: 10 * 60_000,
  gapMs: [1000, 4000],
};

const positive = (name: string, value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
};

/** `npm run chaos -- --keys 1200 --seed 7 --workers 2 --duration 900 --events 300 --max-wait 600`. */
export function parseChaosArgs(argv: string[]): Omit<ChaosOptions, "database" | "log"> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      keys: { type: "string" },
      seed: { type: "string" },
      workers: { type: "string" },
      concurrency: { type: "string" },
      duration: { type: "string" },
      events: { type: "string" },
      "max-wait": { type: "string" },
    },
  });
  const workers = positive("workers", values.workers, DEFAULTS.workers);
  if (workers < 2) throw new Error("--workers must be at least 2 (one is killed while another works)");
  return {
    ...DEFAULTS,
    keys: positive("keys", values.keys, DEFAULTS.keys),
    seed: positive("seed", values.seed, DEFAULTS.seed),
    workers,
    workerConcurrency: positive("concurrency", values.concurrency, DEFAULTS.workerConcurrency),
    durationMs: positive("duration", values.duration, DEFAULTS.durationMs / 1000) * 1000,
    maxEvents: positive("events", values.events, DEFAULTS.maxEvents),
    maxWaitMs: positive("max-wait", values["max-wait"], DEFAULTS.maxWaitMs / 1000) * 1000,
  };
}
