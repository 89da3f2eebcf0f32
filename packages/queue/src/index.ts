export { backoffStrategy, SAP_BACKOFF, sapBackoff } from "./backoff.ts";
export { createProducerConnection, createWorkerConnection } from "./connections.ts";
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
