import { ACTIVE_STATES_SQL, SQL_STATE } from "@cckm/db";
import pg from "pg";
import { type BenchStack, SAP_ADMIN, SAP_KEY, SAP_SECRET } from "./stack.ts";
import { pool } from "./stats.ts";

/** A fresh SAP group holding `n` exportable AES-256 keys, made in one admin call (`POST /admin/keys/bulk`). */
export async function seedSapKeys(
  stack: BenchStack,
  n: number,
  label: string,
): Promise<{ groupId: string; ids: string[] }> {
  const admin = async <T>(path: string, body: unknown): Promise<T> => {
    const answer = await fetch(`${stack.sapUrl}/admin${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${SAP_ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (answer.status !== 201) throw new Error(`simulator ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
  const group = await admin<{ id: string }>("/groups", { name: label });
  const key = { groupId: group.id, type: "AES", size: 256, exportable: true };
  const { ids } = await admin<{ ids: string[] }>("/keys/bulk", { key, namePrefix: label, count: n });
  return { groupId: group.id, ids };
}

/** Seeds `n` AES keys in a fresh SAP group, connects and synchronizes: returns their inventory ids. */
export async function seedKeys(stack: BenchStack, n: number, label: string): Promise<string[]> {
  await seedSapKeys(stack, n, label);
  const connections = await stack.call("GET", "/connectionmgmt/services/sap-dc/connections?name=bench");
  if (connections.body.total === 0) {
    await stack.call("POST", "/connectionmgmt/services/sap-dc/connections", {
      name: "bench",
      api_endpoint: stack.sapUrl,
      technical_user: { api_key: SAP_KEY, secret: SAP_SECRET },
    });
  }
  const sync = await stack.call("POST", "/cckm/sap/synchronization-jobs", { connection: "bench", groups: [label] });
  if (sync.status !== 201) throw new Error(`sync of ${label} refused: ${sync.status} ${JSON.stringify(sync.body)}`);
  for (;;) {
    const state = (await stack.call("GET", `/cckm/sap/synchronization-jobs/${sync.body.id}`)).body.overall_status;
    if (state === "completed") break;
    if (state !== "in_progress") throw new Error(`sync of ${label} ended ${state}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ id: string }>(
    `SELECT k.id FROM sap_keys k JOIN sap_groups g ON g.id = k.group_id WHERE g.name = $1`,
    [label],
  );
  await db.end();
  if (rows.length !== n) throw new Error(`${label}: ${rows.length} of ${n} keys reached the inventory`);
  return rows.map((r) => r.id);
}

/** Submits one delete job per key over HTTP; returns the job ids and each POST's latency (ms). */
export async function submitAll(stack: BenchStack, keyIds: string[], concurrency: number) {
  const jobIds: string[] = [];
  const postMs: number[] = [];
  await pool(keyIds, concurrency, async (id) => {
    const started = performance.now();
    const res = await stack.call("POST", "/cckm/sap/keys/jobs", { id, operation: "delete" });
    postMs.push(performance.now() - started);
    if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    jobIds.push(res.body.id);
  });
  return { jobIds, postMs };
}

/** Waits until every job of `jobIds` has ended; returns the first creation and the last completion. */
export async function waitAllEnded(stack: BenchStack, jobIds: string[], timeoutMs: number) {
  if (jobIds.length === 0) throw new Error("no job to wait for");
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await db.query<{ open: string; first: Date; last: Date | null; failed: string }>(
        `SELECT count(*) FILTER (WHERE state IN (${ACTIVE_STATES_SQL})) AS open,
                min(created_at) AS first, max(completed_at) AS last,
                count(*) FILTER (WHERE state = ${SQL_STATE.FAILED}) AS failed
           FROM sap_key_jobs WHERE id = ANY($1::uuid[])`,
        [jobIds],
      );
      const row = rows[0];
      if (row && Number(row.open) === 0 && row.last)
        return { first: row.first, last: row.last, failed: Number(row.failed) };
      if (Date.now() > deadline) throw new Error(`jobs still open: ${row?.open}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await db.end();
  }
}

/** submit → DONE of each job, in ms, from Postgres's own timestamps. */
export async function jobLatencies(stack: BenchStack, jobIds: string[]): Promise<number[]> {
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ ms: number }>(
    `SELECT extract(epoch FROM completed_at - created_at) * 1000 AS ms FROM sap_key_jobs WHERE id = ANY($1::uuid[])`,
    [jobIds],
  );
  await db.end();
  return rows.map((r) => Number(r.ms));
}

export async function setSapLatency(stack: BenchStack, ms: number): Promise<void> {
  await fetch(`${stack.sapUrl}/admin/faults`, {
    method: "PUT",
    headers: { authorization: `Bearer ${SAP_ADMIN}`, "content-type": "application/json" },
    body: JSON.stringify({ faults: ms > 0 ? [{ route: "*", latencyMs: ms }] : [] }),
  });
}

/**
 * Between phases: a checkpoint and a vacuum of the job tables, so one phase's dirty pages and dead rows
 * (and the autovacuum they would call up) do not land in the next phase's figures.
 */
export async function settle(stack: BenchStack): Promise<void> {
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    await db.query("VACUUM (ANALYZE) sap_key_jobs, sap_key_job_events, sap_keys, key_backups, key_backup_versions");
    await db.query("CHECKPOINT");
  } finally {
    await db.end();
  }
}
