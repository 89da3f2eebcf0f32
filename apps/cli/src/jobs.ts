// Submitting a key job without ever making a second one for the same key, and following jobs to their end.
import { type ApiClient, backoffMs } from "./api-client.ts";
import type { Envelope } from "./lists.ts";
import type { JobResource } from "./resources.ts";
import type { JobEvent } from "./sse.ts";

export const JOBS = "/cckm/sap/keys/jobs";
/**
 * A job's states as the API's contract names them (the CLI is an HTTP client and imports none of the
 * house's packages; the server's vocabulary is `@cckm/db` job-states.ts). Spelled here once for the CLI.
 */
export const JOB_STATES = ["PENDING", "IN_PROGRESS", "DONE", "FAILED"] as const;
export const FINAL = new Set<string>(JOB_STATES.slice(2));
const ACTIVE = new Set<string>(JOB_STATES.slice(0, 2));
const RETRY = [429, 500, 502, 503, 504];

export type SubmitOutcome =
  | { outcome: "submitted" | "adopted"; job: JobResource }
  | { outcome: "refused"; status: number; message: string }
  /** 429 or 502-504: refused for now (429) or unknown whether it was recorded (5xx); look, then retry. */
  | { outcome: "retry"; status: number; waitMs: number };

/** The key's job created since `since` (ISO), else its active one; null when there is none. */
export async function findJobOfKey(client: ApiClient, keyId: string, since?: string): Promise<JobResource | null> {
  const list = await client.get<Envelope<JobResource>>(JOBS, { cckm_key_id: keyId, limit: 20, sort: "-createdAt" });
  const recent = since ? list.resources.find((j) => j.createdAt >= since) : undefined;
  return recent ?? list.resources.find((j) => ACTIVE.has(j.state)) ?? null;
}

/**
 * POSTs the job once. A 409 is looked into: the key's active job (someone else's, or ours from a
 * submit whose answer was lost) is adopted, not submitted again; any other 409/400/404 is a refusal.
 */
export async function submitJob(
  client: ApiClient,
  body: { id: string; operation: "delete" | "restore"; delete_if_backup_fails?: boolean },
): Promise<SubmitOutcome> {
  const answer = await client.call("POST", JOBS, { body, retry: false, accept: [400, 404, 409, ...RETRY] });
  if (answer.status === 201) return { outcome: "submitted", job: answer.body as JobResource };
  if (RETRY.includes(answer.status)) return { outcome: "retry", status: answer.status, waitMs: backoffMs(answer, 1) };
  const message = (answer.body as { message?: string } | undefined)?.message ?? `HTTP ${answer.status}`;
  if (answer.status === 409) {
    const active = await findJobOfKey(client, body.id);
    if (active?.operation === body.operation && ACTIVE.has(active.state)) {
      return { outcome: "adopted", job: active };
    }
  }
  return { outcome: "refused", status: answer.status, message };
}

/** The latest state of each job followed, applied from events (in order) or from a read of the job. */
export class JobTracker {
  readonly jobs = new Map<string, JobResource>();
  /** Events of jobs not followed yet (their submit's answer is on its way), for keys of `keys` only. */
  private readonly early = new Map<string, JobEvent[]>();

  constructor(
    private readonly onChange: (job: JobResource, from: string | undefined) => void = () => {},
    private readonly keys?: Set<string>,
  ) {}

  track(job: JobResource): void {
    const known = this.jobs.get(job.id);
    if (known && (FINAL.has(known.state) || (known.state === "IN_PROGRESS" && job.state === "PENDING"))) return;
    this.jobs.set(job.id, job);
    if (!known || known.state !== job.state) this.onChange(job, known?.state);
    const early = this.early.get(job.id);
    this.early.delete(job.id);
    for (const event of early ?? []) this.apply(event);
  }

  /** An event of a followed job moves it on (never back: a late event of an older state is ignored). */
  apply(event: JobEvent): void {
    const job = this.jobs.get(event.job_id);
    if (!job) {
      if (event.cckm_key_id && this.keys?.has(event.cckm_key_id)) {
        this.early.set(event.job_id, [...(this.early.get(event.job_id) ?? []), event]);
      }
      return;
    }
    if (FINAL.has(job.state) || (job.state === "IN_PROGRESS" && event.to_state === "PENDING")) return;
    if (job.state === event.to_state) return;
    const next: JobResource = {
      ...job,
      state: event.to_state,
      ...(event.error_code ? { error_code: event.error_code } : {}),
      ...(event.reason && event.to_state === "FAILED" ? { error: event.reason } : {}),
    };
    this.jobs.set(job.id, next);
    this.onChange(next, job.state);
  }

  get unfinished(): JobResource[] {
    return [...this.jobs.values()].filter((j) => !FINAL.has(j.state));
  }

  count(state: string): number {
    let n = 0;
    for (const j of this.jobs.values()) if (j.state === state) n++;
    return n;
  }
}

/** Reads these jobs (a few at a time) and follows them. */
export async function followJobs(client: ApiClient, tracker: JobTracker, ids: string[], concurrency = 8) {
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) tracker.track(await client.get<JobResource>(`${JOBS}/${id}`));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Reads every unfinished job once (after a stream drop, or as a last check), a few at a time. */
export function refreshUnfinished(client: ApiClient, tracker: JobTracker, concurrency = 8): Promise<void> {
  return followJobs(
    client,
    tracker,
    tracker.unfinished.map((j) => j.id),
    concurrency,
  );
}
