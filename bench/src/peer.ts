import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { httpRequest } from "@cckm/sap-kms-client";
import { freePort, spawnTs, type TestProcess } from "@cckm/testkit";
import { Logger, runMigrations } from "graphile-worker";
import pg from "pg";
import { createPeerSchema } from "../peers/graphile/schema.ts";
import { type BenchStack, SAP_KEY, SAP_SECRET } from "./stack.ts";
import { pool } from "./stats.ts";

const PEER = "bench/peers/graphile";

/** Bundles the peer's two entry points as the apps are bundled (npm packages stay external). */
export function buildPeerBundles(): void {
  for (const entry of ["server", "worker"]) {
    execFileSync(process.execPath, ["../../../scripts/bundle.mjs", `${entry}.ts`, `dist/${entry}.mjs`], {
      cwd: PEER,
      stdio: "inherit",
    });
  }
}

export interface Peer {
  api: TestProcess;
  workers: TestProcess[];
  /** Submits one delete job per SAP key id over HTTP; returns the job ids and each POST's latency (ms). */
  submitAll(sapKeyIds: string[], concurrency: number): Promise<{ jobIds: string[]; postMs: number[] }>;
  waitAllEnded(jobIds: string[], timeoutMs: number): Promise<{ first: Date; last: Date; failed: number }>;
  stop(): Promise<void>;
}

/**
 * The graphile-worker peer (bench/peers/graphile) beside the stack, on its database and simulator:
 * its schema and graphile-worker's migrations, its API and `workers` worker processes.
 */
export async function startPeer(
  stack: BenchStack,
  options: { workers: number; concurrency: number; bundled: boolean },
): Promise<Peer> {
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    await createPeerSchema(db);
  } finally {
    await db.end();
  }
  // Quietly: the bench's stdout is its JSON.
  await runMigrations({ connectionString: stack.databaseUrl, logger: new Logger(() => () => {}) });
  const token = randomBytes(16).toString("hex");
  const port = await freePort();
  const env = {
    DATABASE_URL: stack.databaseUrl,
    PORT: String(port),
    PEER_CONCURRENCY: String(options.concurrency),
    PEER_SAP_URL: stack.sapUrl,
    PEER_SAP_API_KEY: SAP_KEY,
    PEER_SAP_SECRET: SAP_SECRET,
    PEER_KEK: randomBytes(32).toString("base64"),
    PEER_API_TOKEN: token,
  };
  const entry = (name: string) => (options.bundled ? `${PEER}/dist/${name}.mjs` : `${PEER}/${name}.ts`);
  const api = spawnTs(entry("server"), env);
  const workers = Array.from({ length: options.workers }, () => spawnTs(entry("worker"), env));
  await api.waitForOutput(/peer api on/);
  await Promise.all(workers.map((w) => w.waitForOutput(/peer worker running/)));
  // The load generator as for the orchestrator (stack.call): node's http with keep-alive.
  const url = new URL(`http://127.0.0.1:${port}/jobs`);
  const post = async (sapKeyId: string) => {
    const answer = await httpRequest(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ sap_key_id: sapKeyId }),
      timeoutMs: 120_000,
      maxBytes: 1024 * 1024,
    });
    return { status: answer.status, body: JSON.parse(answer.text) as { id: string } };
  };
  return {
    api,
    workers,
    async submitAll(sapKeyIds, concurrency) {
      const jobIds: string[] = [];
      const postMs: number[] = [];
      await pool(sapKeyIds, concurrency, async (id) => {
        const started = performance.now();
        const res = await post(id);
        postMs.push(performance.now() - started);
        if (res.status !== 201) throw new Error(`peer submit: ${res.status} ${JSON.stringify(res.body)}`);
        jobIds.push(res.body.id);
      });
      return { jobIds, postMs };
    },
    async waitAllEnded(jobIds, timeoutMs) {
      const client = new pg.Client({ connectionString: stack.databaseUrl });
      await client.connect();
      try {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const { rows } = await client.query<{ open: string; first: Date; last: Date | null; failed: string }>(
            `SELECT count(*) FILTER (WHERE state NOT IN ('done', 'failed')) AS open, min(created_at) AS first,
                    max(completed_at) AS last, count(*) FILTER (WHERE state = 'failed') AS failed
               FROM peer.delete_jobs WHERE id = ANY($1::uuid[])`,
            [jobIds],
          );
          const row = rows[0];
          if (row && Number(row.open) === 0 && row.last)
            return { first: row.first, last: row.last, failed: Number(row.failed) };
          if (Date.now() > deadline) throw new Error(`peer jobs still open: ${row?.open}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await client.end();
      }
    },
    async stop() {
      await Promise.all([api.stop(), ...workers.map((w) => w.stop())]);
    },
  };
}
