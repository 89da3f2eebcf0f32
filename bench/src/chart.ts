// The run as a chart: Vega-Lite compiled to Vega and rendered headless to SVG (no browser, no canvas).
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

type Results = Record<string, unknown>;
interface Figures {
  jobs_per_s?: number;
  post?: { p50_ms: number; p99_ms: number };
  cpu_ms_per_job?: { pipeline?: number };
}

const PHASES: Array<{ key: string; label: string }> = [
  { key: "throughput_one_worker", label: "one worker" },
  { key: "throughput_two_workers", label: "two workers" },
  { key: "throughput_sap_50ms", label: "SAP at 50 ms" },
];

/** The chart's rows: jobs/s, latency percentiles and CPU per job, by phase and pipeline. */
export function chartRows(results: Results) {
  const rate: Array<{ phase: string; pipeline: string; jobs_per_s: number }> = [];
  const latency: Array<{ phase: string; series: string; ms: number }> = [];
  const cpu: Array<{ pipeline: string; ms: number }> = [];
  const add = (phase: string, pipeline: string, f: Figures | undefined) => {
    if (f?.jobs_per_s !== undefined) rate.push({ phase, pipeline, jobs_per_s: f.jobs_per_s });
    if (f?.post) {
      latency.push({ phase: `POST, ${phase}`, series: `${pipeline} p50`, ms: f.post.p50_ms });
      latency.push({ phase: `POST, ${phase}`, series: `${pipeline} p99`, ms: f.post.p99_ms });
    }
  };
  for (const p of PHASES) add(p.label, "ours", results[p.key] as Figures | undefined);
  const peer = results.peer as { throughput_two_workers?: Figures; cpu_ms_per_job?: number } | undefined;
  add("two workers", "peer", peer?.throughput_two_workers);
  const ownCpu = (results.throughput_two_workers as Figures | undefined)?.cpu_ms_per_job?.pipeline;
  if (ownCpu !== undefined) cpu.push({ pipeline: "ours", ms: ownCpu });
  if (peer?.cpu_ms_per_job !== undefined) cpu.push({ pipeline: "peer", ms: peer.cpu_ms_per_job });
  const fixed = results.latency_at_fixed_load as
    | { offered_jobs_per_s: number; submit_to_done: { p50_ms: number; p99_ms: number } }
    | undefined;
  if (fixed) {
    const phase = `submit → DONE at ${fixed.offered_jobs_per_s}/s`;
    latency.push({ phase, series: "ours p50", ms: fixed.submit_to_done.p50_ms });
    latency.push({ phase, series: "ours p99", ms: fixed.submit_to_done.p99_ms });
  }
  const list = results.job_list as { first_page: { p50_ms: number; p99_ms: number } } | undefined;
  if (list) {
    latency.push({ phase: "job list, first page", series: "ours p50", ms: list.first_page.p50_ms });
    latency.push({ phase: "job list, first page", series: "ours p99", ms: list.first_page.p99_ms });
  }
  const tenant = results.tenant_rate_limit as
    | { limit_per_s: number; observed_per_s: number; with_sap_429s?: { answered_429: number; failed: number } }
    | undefined;
  const limit = tenant
    ? [
        { what: "limit", per_s: tenant.limit_per_s },
        { what: "observed", per_s: tenant.observed_per_s },
      ]
    : [];
  const faults = tenant?.with_sap_429s;
  const limitNote = faults ? `SAP's 429s: ${faults.answered_429}; jobs failed: ${faults.failed}` : "";
  return { rate, latency, cpu, limit, limitNote };
}

const COLORS = { domain: ["ours", "peer"], range: ["#1f77b4", "#ff7f0e"] };

export function chartSpec(results: Results): TopLevelSpec {
  const rows = chartRows(results);
  const title = `${String(results.mode)} run, ${String(results.when)} (${String(results.apps)})`;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    config: { font: "sans-serif", view: { stroke: null }, title: { anchor: "start" } },
    resolve: { scale: { color: "independent" } },
    vconcat: [
      {
        hconcat: [
          {
            title: "delete jobs per second",
            data: { values: rows.rate },
            mark: { type: "bar", tooltip: true },
            width: 320,
            height: 200,
            encoding: {
              x: {
                field: "phase",
                type: "nominal",
                sort: PHASES.map((p) => p.label),
                title: null,
                axis: { labelAngle: 0 },
              },
              xOffset: { field: "pipeline" },
              y: { field: "jobs_per_s", type: "quantitative", title: "jobs/s" },
              color: { field: "pipeline", scale: COLORS, title: null },
            },
          },
          {
            title: { text: "CPU ms per job", subtitle: "each pipeline's own processes" },
            data: { values: rows.cpu },
            mark: { type: "bar", tooltip: true },
            width: 160,
            height: 200,
            encoding: {
              x: { field: "pipeline", type: "nominal", title: null, axis: { labelAngle: 0 } },
              y: { field: "ms", type: "quantitative", title: "ms" },
              color: { field: "pipeline", scale: COLORS, title: null },
            },
          },
          {
            title: { text: "SAP tenant limit, four workers", subtitle: rows.limitNote },
            data: { values: rows.limit },
            mark: { type: "bar", tooltip: true, color: "#6b6b6b" },
            width: 160,
            height: 200,
            encoding: {
              x: { field: "what", type: "nominal", title: null, sort: ["limit", "observed"], axis: { labelAngle: 0 } },
              y: { field: "per_s", type: "quantitative", title: "requests/s" },
            },
          },
        ],
      },
      {
        title: "latency p50 / p99 per phase (ms, symlog scale)",
        data: { values: rows.latency },
        mark: { type: "bar", tooltip: true },
        width: 520,
        height: 220,
        encoding: {
          x: { field: "phase", type: "nominal", sort: null, title: null, axis: { labelAngle: -20 } },
          xOffset: { field: "series" },
          y: {
            field: "ms",
            type: "quantitative",
            scale: { type: "symlog" },
            axis: { values: [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000] },
            title: "ms",
          },
          color: {
            field: "series",
            scale: {
              domain: ["ours p50", "ours p99", "peer p50", "peer p99"],
              range: ["#9ecae1", "#1f77b4", "#fdd0a2", "#ff7f0e"],
            },
            title: null,
          },
        },
      },
    ],
  };
}

/** The run's chart as an SVG document. */
export async function renderChart(results: Results): Promise<string> {
  const view = new View(parse(compile(chartSpec(results)).spec), { renderer: "none" });
  return view.toSVG();
}
