import { type BenchStack, SAP_ADMIN } from "./stack.ts";
import { round } from "./stats.ts";
import { submitAll, waitAllEnded } from "./workload.ts";

async function simulator<T>(stack: BenchStack, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await fetch(`${stack.sapUrl}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${SAP_ADMIN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (answer.status >= 300) throw new Error(`simulator ${method} ${path}: ${answer.status}`);
  return (answer.status === 204 ? undefined : await answer.json()) as T;
}

/** When each tenant request from `since` on reached the simulator (epoch ms, oldest first). */
export const arrivalsSince = (stack: BenchStack, since: number) =>
  simulator<{ arrivals: number[] }>(stack, "GET", `/requests/arrivals?since=${since}`).then((a) => a.arrivals);

/** Requests the simulator answered 429, over every route. */
async function answered429(stack: BenchStack): Promise<number> {
  const { requests } = await simulator<{ requests: Array<{ byStatus: Record<string, number> }> }>(
    stack,
    "GET",
    "/requests",
  );
  return requests.reduce((sum, r) => sum + (r.byStatus["429"] ?? 0), 0);
}

/**
 * The SAP tenant rate limit with `workers` worker processes sharing it (SAP_KMS_RATE_LIMIT_PER_SECOND
 * = `limit`), the simulator at zero latency so the limit is what holds the pipeline back: the rate
 * the simulator saw over the whole seconds from the phase's first request (`observed_per_s`) against
 * the limit, and the busiest sliding second. Then `faultKeys` more jobs while the simulator itself answers 429
 * (Retry-After 1 s) above 60 % of the limit: how many 429s it gave and how many jobs failed.
 */
export async function tenantLimitPhase(
  stack: BenchStack,
  options: { limit: number; workers: number; concurrency: number; keys: string[]; faultKeys: string[] },
) {
  const { limit, workers, concurrency } = options;
  await stack.stopWorkers();
  for (let i = 0; i < workers; i++) {
    await stack.startWorker(concurrency, { SAP_KMS_RATE_LIMIT_PER_SECOND: String(limit) });
  }
  const since = Date.now();
  const { jobIds } = await submitAll(stack, options.keys, 32);
  const ended = await waitAllEnded(stack, jobIds, 30 * 60_000);
  const arrivals = await arrivalsSince(stack, since);
  const first = arrivals[0] ?? since;
  const last = arrivals.at(-1) ?? since;
  const seconds = (last - first) / 1000;
  let busiest = 0;
  for (let i = 0, j = 0; i < arrivals.length; i++) {
    while ((arrivals[j] as number) <= (arrivals[i] as number) - 1000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  // Over whole seconds from the first request: each of the limiter's windows opens with its first
  // request, so counting up to the last one would count one window more than the time it spans.
  const whole = Math.max(1, Math.floor(seconds));
  const observed = arrivals.filter((t) => t < first + whole * 1000).length / whole;

  await simulator(stack, "DELETE", "/requests");
  const tenantLimit = Math.max(1, Math.floor(limit * 0.6));
  await simulator(stack, "PUT", "/faults", {
    faults: [{ route: "*", rateLimit: tenantLimit, windowMs: 1000, retryAfterSeconds: 1 }],
  });
  const faulted = await submitAll(stack, options.faultKeys, 32);
  const faultEnded = await waitAllEnded(stack, faulted.jobIds, 30 * 60_000);
  const refused = await answered429(stack);
  await simulator(stack, "PUT", "/faults", { faults: [] });
  await stack.stopWorkers();
  return {
    limit_per_s: limit,
    workers,
    jobs: jobIds.length,
    failed: ended.failed,
    requests: arrivals.length,
    seconds: round(seconds, 2),
    observed_per_s: round(observed),
    observed_vs_limit: round(observed / limit, 3),
    busiest_1s_window: busiest,
    with_sap_429s: {
      simulator_limit_per_s: tenantLimit,
      retry_after_s: 1,
      jobs: faulted.jobIds.length,
      failed: faultEnded.failed,
      answered_429: refused,
      seconds: round((faultEnded.last.getTime() - faultEnded.first.getTime()) / 1000, 2),
    },
  };
}
