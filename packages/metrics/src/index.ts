import type { Queue } from "bullmq";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

const QUEUE_STATES = ["waiting", "active", "delayed", "failed", "completed", "prioritized"] as const;

/**
 * The metrics of one process, in a registry of its own (no global state, so tests can make many).
 * Labels are bounded: routes are patterns, never paths with ids.
 */
export function createMetrics(service: string, queues: Queue[] = []) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const metrics = {
    registry,
    httpDuration: new Histogram({
      name: "cckm_http_request_duration_seconds",
      help: "HTTP requests by route pattern and status",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobsSubmitted: new Counter({
      name: "cckm_jobs_submitted_total",
      help: "Jobs accepted by the API",
      labelNames: ["operation"] as const,
      registers: [registry],
    }),
    jobsFinished: new Counter({
      name: "cckm_jobs_finished_total",
      help: "Jobs that ended, by operation and outcome (DONE or FAILED)",
      labelNames: ["operation", "outcome"] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: "cckm_job_duration_seconds",
      help: "From submission to the end of a job",
      labelNames: ["operation", "outcome"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    sapDuration: new Histogram({
      name: "cckm_sap_request_duration_seconds",
      help: "Calls to the SAP KMS by operation and status",
      labelNames: ["operation", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    sapErrors: new Counter({
      name: "cckm_sap_request_errors_total",
      help: "Failed calls to the SAP KMS by operation and error code",
      labelNames: ["operation", "code"] as const,
      registers: [registry],
    }),
    jobWaits: new Counter({
      name: "cckm_job_waits_total",
      help: "Times a job waited on infrastructure without spending an attempt, by queue and reason",
      labelNames: ["queue", "reason"] as const,
      registers: [registry],
    }),
    reconcilerRequeued: new Counter({
      name: "cckm_reconciler_reenqueued_total",
      help: "Jobs the reconciler put back on a queue",
      registers: [registry],
    }),
    submitsWaiting: new Gauge({
      name: "cckm_submits_waiting",
      help: "Key job submits of this API process waiting for the statement they share (group submit)",
      registers: [registry],
    }),
    reconcilerLeader: new Gauge({
      name: "cckm_reconciler_leader",
      help: "1 while this process is the deployment's reconciler (holds its lock), else 0",
      registers: [registry],
    }),
  };
  new Gauge({
    name: "cckm_queue_jobs",
    help: "Jobs in each queue by state (read from Redis at scrape time)",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      for (const queue of queues) {
        const counts = await queue.getJobCounts(...QUEUE_STATES).catch(() => null);
        if (!counts) continue;
        for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The SAP client's `observe` hook, recording one call. */
export function observeSapCall(metrics: Metrics, e: { operation: string; status?: number; code?: string; ms: number }) {
  metrics.sapDuration.observe({ operation: e.operation, status: String(e.status ?? "none") }, e.ms / 1000);
  if (e.code) metrics.sapErrors.inc({ operation: e.operation, code: e.code });
}
