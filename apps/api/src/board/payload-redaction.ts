import type { BaseAdapter } from "@bull-board/api/baseAdapter";
import type { AfterHook } from "@bull-board/api/typings/app";
import { kindOfQueue } from "@cckm/jobs";

export const REDACTED = "[redacted: not an id-only payload]";

/**
 * The board shows a job's data only when it is exactly the id-only payload of its queue; anything
 * else (a job added past the API, a payload of a later version) is replaced, never shown. Our
 * processors return nothing, so a return value is never shown either.
 */
export function redactJobs(adapter: BaseAdapter, queueName: string): void {
  // What a job of each queue may carry: ids only, the payload schema of the queue's job kind.
  const schema = kindOfQueue(queueName)?.payload;
  adapter.setFormatter("data", (data: unknown) => (schema?.safeParse(data).success ? data : REDACTED));
  adapter.setFormatter("returnValue", () => null);
}

const JOB_LOGS_ROUTE = "/api/queues/:queueName/:jobId/logs";

/** Job logs are free text: our processors write none, so the board shows none, whoever wrote them. */
export const hideJobLogs: AfterHook = ({ route }, result) =>
  route === JOB_LOGS_ROUTE && (result.status ?? 200) === 200 ? { status: 200, body: [] } : result;
