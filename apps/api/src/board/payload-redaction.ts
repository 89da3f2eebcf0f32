import type { BaseAdapter } from "@bull-board/api/baseAdapter";
import type { AfterHook } from "@bull-board/api/typings/app";
import { KEY_JOBS_QUEUE, keyJobPayload, SYNC_JOBS_QUEUE, syncJobPayload } from "@cckm/queue";
import type { z } from "zod";

/** What a job of each queue may carry: ids only (the schemas the API enqueues with). */
const PAYLOADS: Record<string, z.ZodType> = {
  [KEY_JOBS_QUEUE]: keyJobPayload,
  [SYNC_JOBS_QUEUE]: syncJobPayload,
};

export const REDACTED = "[redacted: not an id-only payload]";

/**
 * The board shows a job's data only when it is exactly the id-only payload of its queue; anything
 * else (a job added past the API, a payload of a later version) is replaced, never shown. Our
 * processors return nothing, so a return value is never shown either.
 */
export function redactJobs(adapter: BaseAdapter, queueName: string): void {
  const schema = PAYLOADS[queueName];
  adapter.setFormatter("data", (data: unknown) => (schema?.safeParse(data).success ? data : REDACTED));
  adapter.setFormatter("returnValue", () => null);
}

const JOB_LOGS_ROUTE = "/api/queues/:queueName/:jobId/logs";

/** Job logs are free text: our processors write none, so the board shows none, whoever wrote them. */
export const hideJobLogs: AfterHook = ({ route }, result) =>
  route === JOB_LOGS_ROUTE && (result.status ?? 200) === 200 ? { status: 200, body: [] } : result;
