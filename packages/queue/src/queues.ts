import { type DefaultJobOptions, Queue } from "bullmq";
import { z } from "zod";
import { SAP_BACKOFF } from "./backoff.ts";
import type { RedisClient } from "./connections.ts";

/** Delete and restore jobs of SAP keys. */
export const KEY_JOBS_QUEUE = "sap-key-jobs";
/** Synchronizations of a tenant's groups and keys into the inventory. */
export const SYNC_JOBS_QUEUE = "sap-sync-jobs";

/** Payloads carry ids only: no key material, no secret, nothing Postgres does not already hold. */
export const keyJobPayload = z.strictObject({ jobId: z.uuid() });
export type KeyJobPayload = z.infer<typeof keyJobPayload>;
export const syncJobPayload = z.strictObject({ syncJobId: z.uuid() });
export type SyncJobPayload = z.infer<typeof syncJobPayload>;

export interface QueueSettings {
  /** Hash-tagged, e.g. `{cckm}`, so every key of a queue lands in one Redis Cluster slot. */
  prefix: string;
  attempts: number;
  /** First retry delay; later ones grow exponentially, with jitter. */
  backoffMs: number;
}

export const DEFAULT_QUEUE_SETTINGS: Omit<QueueSettings, "prefix"> = { attempts: 8, backoffMs: 1000 };

/** A synchronization is cheap to start again: fewer attempts than a key job. */
export const SYNC_ATTEMPTS = 3;

export function defaultJobOptions(settings: QueueSettings): DefaultJobOptions {
  return {
    attempts: settings.attempts,
    backoff: { type: SAP_BACKOFF, delay: settings.backoffMs },
    // Postgres is the record; Redis keeps a bounded tail for Bull Board.
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
  };
}

/** A producer-side queue; `onError` hears connection trouble (BullMQ prints it to stderr otherwise). */
export function createQueue(
  name: string,
  connection: RedisClient,
  settings: QueueSettings,
  onError: (error: Error) => void,
): Queue {
  const queue = new Queue(name, {
    connection,
    prefix: settings.prefix,
    defaultJobOptions: defaultJobOptions(settings),
  });
  queue.on("error", onError);
  return queue;
}
