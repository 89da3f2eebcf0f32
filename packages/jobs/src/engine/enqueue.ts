import type { Logger } from "@cckm/log";
import { createQueue, type QueueSettings, type RedisClient } from "@cckm/queue";
import type { Queue } from "bullmq";
import { batcherOf } from "./enqueue-batch.ts";
import type { AnyJobKind, JobRef } from "./kind.ts";

/**
 * The one place a job goes to BullMQ: its row is committed first (the caller's guarded insert), then
 * its id-only payload is added under the row's queue job id, so a second add (the reconciler's) of a
 * job still queued is a no-op. An add that fails leaves the row for the reconciler: logged, not thrown
 * (the row is the record; Redis is transport). Returns whether the add went through. Adds made at
 * the same time go to Redis together (AddBatcher: one round trip for all that arrive meanwhile).
 */
export async function enqueue(queues: KindQueues, kind: AnyJobKind, ref: JobRef, log?: Logger): Promise<boolean> {
  const queue = queues.of(kind);
  try {
    await batcherOf(queue).add(ref.name, kind.payload.parse(kind.payloadOf(ref.id)), { jobId: ref.queueJobId });
    return true;
  } catch (error) {
    log?.warn({ err: error, [kind.logField]: ref.id }, `${kind.name} recorded but not enqueued; the reconciler will`);
    return false;
  }
}

/** The add itself, which throws; for the reconciler, which counts what it re-adds. */
export async function addJob(queue: Queue, kind: AnyJobKind, ref: JobRef): Promise<void> {
  await queue.add(ref.name, kind.payload.parse(kind.payloadOf(ref.id)), { jobId: ref.queueJobId });
}

/** A producer queue of a kind, with the kind's attempts and the deployment's backoff. */
export function createKindQueue(
  kind: AnyJobKind,
  connection: RedisClient,
  settings: QueueSettings,
  onError: (error: Error) => void,
): Queue {
  return createQueue(kind.queue, connection, { ...settings, attempts: kind.attempts(settings) }, onError);
}

/** The producer queues of every registered kind: the one handed to `enqueue`, Bull Board and metrics. */
export interface KindQueues {
  /** The queue of a kind; a kind that was not registered is a programming error. */
  of(kind: AnyJobKind): Queue;
  readonly all: readonly Queue[];
  close(): Promise<void>;
}

/** A producer queue for each kind, with the kind's attempts and the deployment's backoff. */
export function createKindQueues(
  kinds: readonly AnyJobKind[],
  connection: RedisClient,
  settings: QueueSettings,
  onError: (error: Error) => void,
): KindQueues {
  const byName = new Map(kinds.map((kind) => [kind.queue, createKindQueue(kind, connection, settings, onError)]));
  return {
    of(kind) {
      const queue = byName.get(kind.queue);
      if (!queue) throw new Error(`job kind ${kind.name} is not registered (no queue ${kind.queue})`);
      return queue;
    },
    all: [...byName.values()],
    async close() {
      await Promise.all([...byName.values()].map((q) => q.close()));
    },
  };
}
