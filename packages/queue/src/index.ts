export { backoffStrategy, baseDelayOf, MAX_WAIT_DELAY_MS, SAP_BACKOFF, sapBackoff, waitDelay } from "./backoff.ts";
export {
  type ConnectionRole,
  createProducerConnection,
  createRedisConnection,
  createWorkerConnection,
  type RedisClient,
  type RedisEnv,
  type RedisTarget,
  readyServersOf,
  redisTargetOf,
  serversOf,
  standaloneTarget,
} from "./connections.ts";
export { deleteKeys, scanKeys } from "./keys.ts";
export {
  createQueue,
  DEFAULT_QUEUE_SETTINGS,
  defaultJobOptions,
  KEY_JOBS_QUEUE,
  type KeyJobPayload,
  keyJobPayload,
  type QueueSettings,
  SYNC_ATTEMPTS,
  SYNC_JOBS_QUEUE,
  type SyncJobPayload,
  syncJobPayload,
} from "./queues.ts";
