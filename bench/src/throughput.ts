import { machineLoad, machineTicks } from "./cpu.ts";
import { type CpuRoles, openCpuWindow } from "./cpu-window.ts";
import { round, summary } from "./stats.ts";

/** A delete pipeline the bench drives: the orchestrator or a peer. */
export interface Pipeline {
  submitAll(ids: string[], concurrency: number): Promise<{ jobIds: string[]; postMs: number[] }>;
  waitAllEnded(jobIds: string[], timeoutMs: number): Promise<{ first: Date; last: Date; failed: number }>;
  /**
   * The processes whose CPU is the pipeline's own (its apps, Postgres, Redis if it uses one), and
   * the ones reported apart (`simulator`: SAP's stand-in, another machine in production).
   */
  cpu: { own: CpuRoles; apart: CpuRoles };
}

/**
 * N delete jobs submitted over HTTP, 32 at once: jobs/s from the first job's creation to the last
 * one's completion, the POST latency under that flood, and CPU ms per job by process over the phase
 * (`cpu_ms_per_job.pipeline`: the sum of the pipeline's own processes; the simulator and the load
 * generator apart).
 */
export async function throughput(pipeline: Pipeline, ids: string[]) {
  const started = performance.now();
  const ticks = machineTicks();
  const window = await openCpuWindow({ ...pipeline.cpu.own, ...pipeline.cpu.apart });
  const { jobIds, postMs } = await pipeline.submitAll(ids, 32);
  const submitSeconds = (performance.now() - started) / 1000;
  const ended = await pipeline.waitAllEnded(jobIds, 30 * 60_000);
  const cpu = await window.close(jobIds.length);
  const seconds = (ended.last.getTime() - ended.first.getTime()) / 1000;
  const own = Object.keys(pipeline.cpu.own).reduce((sum, role) => sum + (cpu[role] ?? 0), 0);
  return {
    jobs: jobIds.length,
    failed: ended.failed,
    seconds: round(seconds, 2),
    jobs_per_s: round(jobIds.length / seconds),
    submit_per_s: round(jobIds.length / submitSeconds),
    post: summary(postMs),
    cpu_ms_per_job: { ...cpu, pipeline: round(own, 2) },
    machine: machineLoad(ticks),
  };
}
