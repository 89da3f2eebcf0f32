import { Redis } from "ioredis";

/**
 * For request paths (the API): fails fast instead of queueing commands while Redis is away, so a
 * request gets an answer (or a clear error) instead of hanging.
 */
export function createProducerConnection(url: string, name = "cckm-producer"): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  return redis;
}

/** For BullMQ workers: blocking commands must wait for Redis to come back, never give up. */
export function createWorkerConnection(url: string, name = "cckm-worker"): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
}
