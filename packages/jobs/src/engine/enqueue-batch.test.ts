import { randomUUID } from "node:crypto";
import { createProducerConnection, type RedisClient } from "@cckm/queue";
import { deleteRedisPrefix, startRedisServer, testRedisPrefix, testRedisUrl } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyJobRef, sapKeyJobKind } from "../kinds/index.ts";
import { createKindQueues, enqueue, type KindQueues } from "./enqueue.ts";

const settings = (prefix: string) => ({ prefix, attempts: 8, backoffMs: 1000 });
const refOf = (id: string) => keyJobRef({ id, queueJobId: `q-${id}`, operation: "delete" });

describe("enqueue: adds made together go to Redis in one round trip", () => {
  const prefix = testRedisPrefix();
  let connection: RedisClient;
  let queues: KindQueues;
  const bulks: number[] = [];

  beforeAll(() => {
    connection = createProducerConnection(testRedisUrl());
    queues = createKindQueues([sapKeyJobKind], connection, settings(prefix), () => {});
    const queue = queues.of(sapKeyJobKind);
    const addBulk = queue.addBulk.bind(queue);
    queue.addBulk = (jobs) => {
      bulks.push(jobs.length);
      return addBulk(jobs);
    };
  });
  afterAll(async () => {
    await queues.close();
    connection.disconnect();
    await deleteRedisPrefix(prefix);
  });

  it("adds every job under its own id with its payload, in fewer round trips than jobs", async () => {
    const ids = Array.from({ length: 60 }, () => randomUUID());
    const added = await Promise.all(ids.map((id) => enqueue(queues, sapKeyJobKind, refOf(id))));
    expect(added).toEqual(ids.map(() => true));
    const queue = queues.of(sapKeyJobKind);
    for (const id of ids) {
      const ref = refOf(id);
      const job = await queue.getJob(ref.queueJobId);
      expect(job?.data).toEqual(sapKeyJobKind.payloadOf(id));
      expect(job?.name).toBe(ref.name);
      expect(job?.opts.attempts).toBe(8);
    }
    expect(bulks.reduce((s, n) => s + n, 0)).toBe(60);
    expect(bulks.length).toBeLessThan(60);
    // A second add of a job still queued (the reconciler's) is a no-op, batched or not.
    const again = await Promise.all(ids.slice(0, 5).map((id) => enqueue(queues, sapKeyJobKind, refOf(id))));
    expect(again).toEqual([true, true, true, true, true]);
    expect(await queue.getWaitingCount()).toBe(60);
  });
});

describe("enqueue: a round trip that fails", () => {
  it("answers false to every add in it (the reconciler adds their committed rows)", async () => {
    const server = await startRedisServer();
    const connection = createProducerConnection(server.url);
    connection.on("error", () => {});
    const queues = createKindQueues([sapKeyJobKind], connection, settings("{cckm-batch-fail}"), () => {});
    await queues.of(sapKeyJobKind).waitUntilReady();
    await server.stop();
    const warned: string[] = [];
    const log = { warn: (_f: unknown, message: string) => warned.push(message) } as never;
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const added = await Promise.all(ids.map((id) => enqueue(queues, sapKeyJobKind, refOf(id), log)));
    expect(added).toEqual([false, false, false]);
    expect(warned).toHaveLength(3);
    connection.disconnect();
    await queues.close().catch(() => {});
  });
});
