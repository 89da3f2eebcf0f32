import { round } from "./stats.ts";

type Results = Record<string, unknown>;
const at = (results: Results, path: string): number => {
  let value: unknown = results;
  for (const part of path.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
  return typeof value === "number" ? value : Number.NaN;
};

/** Each target of issue 18 against the run's figures: met (true) or missed (false), with the ratios. */
export function targetsOf(results: Results) {
  const e2e = at(results, "throughput_two_workers.jobs_per_s");
  const cpu = at(results, "throughput_two_workers.cpu_ms_per_job.pipeline");
  // Over all processes: the pipeline's own plus the simulator and the load generator (reported apart).
  const allCpu =
    cpu +
    at(results, "throughput_two_workers.cpu_ms_per_job.simulator") +
    at(results, "throughput_two_workers.cpu_ms_per_job.bench_client");
  const peerJobs = at(results, "peer.jobs_per_s");
  const peerCpu = at(results, "peer.cpu_ms_per_job");
  const limit = at(results, "tenant_rate_limit.observed_vs_limit");
  return {
    cpu_per_job_all_processes_within_4_5ms: allCpu <= 4.5,
    cpu_per_job_own_processes_within_3ms: cpu <= 3,
    e2e_two_workers_at_least_400_per_s: e2e >= 400,
    sap_50ms_at_least_300_per_s: at(results, "throughput_sap_50ms.jobs_per_s") >= 300,
    fixed_load_p99_within_50ms: at(results, "latency_at_fixed_load.submit_to_done.p99_ms") <= 50,
    post_p99_within_15ms: at(results, "latency_at_fixed_load.post.p99_ms") <= 15,
    list_p99_within_20ms:
      at(results, "job_list.first_page.p99_ms") <= 20 && at(results, "job_list.filtered_page.p99_ms") <= 20,
    worker_rss_within_250mb: at(results, "worker_rss_with_backlog.rss_mb_max") <= 250,
    jobs_per_s_vs_peer: round(e2e / peerJobs, 2),
    at_least_2x_peer_jobs_per_s: e2e >= 2 * peerJobs,
    cpu_per_job_vs_peer: round(cpu / peerCpu, 2),
    at_most_half_peer_cpu_per_job: cpu <= 0.5 * peerCpu,
    tenant_limit_within_5pct: Math.abs(limit - 1) <= 0.05,
    sap_429s_fail_no_job:
      at(results, "tenant_rate_limit.with_sap_429s.failed") === 0 &&
      at(results, "tenant_rate_limit.with_sap_429s.answered_429") > 0,
  };
}
