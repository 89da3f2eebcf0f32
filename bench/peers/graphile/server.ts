// The peer's HTTP API (node:http): `POST /jobs {"sap_key_id": "..."}` inserts the job row and
// enqueues its graphile-worker job in the same transaction (`graphile_worker.add_job`), then
// answers 201 with the job's id. Started by the bench (bench/src/peer.ts); prints "peer api on <url>".
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import { peerEnv } from "./env.ts";

const env = peerEnv(process.env);
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 10, application_name: "peer-api" });
const token = Buffer.from(`Bearer ${env.apiToken}`);

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

const authorized = (req: IncomingMessage) => {
  const given = Buffer.from(req.headers.authorization ?? "");
  return given.length === token.length && timingSafeEqual(given, token);
};

async function submit(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: { sap_key_id?: unknown };
  try {
    body = (await readJson(req)) as { sap_key_id?: unknown };
  } catch {
    return reply(res, 400, { error: "expected a JSON body" });
  }
  const sapKeyId = body?.sap_key_id;
  if (typeof sapKeyId !== "string" || sapKeyId.length === 0 || sapKeyId.length > 200) {
    return reply(res, 400, { error: "sap_key_id must be a string" });
  }
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string }>(
      "INSERT INTO peer.delete_jobs (sap_key_id) VALUES ($1) RETURNING id",
      [sapKeyId],
    );
    const id = rows[0]?.id as string;
    await client.query("SELECT graphile_worker.add_job('delete_key', json_build_object('id', $1::uuid))", [id]);
    await client.query("COMMIT");
    reply(res, 201, { id, state: "queued" });
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const server = createServer((req, res) => {
  if (!authorized(req)) return reply(res, 401, { error: "unauthorized" });
  if (req.method === "POST" && req.url === "/jobs") {
    submit(req, res).catch(() => reply(res, 503, { error: "unavailable" }));
    return;
  }
  reply(res, 404, { error: "not found" });
});
server.keepAliveTimeout = 60_000;
server.listen(env.port, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.port;
  process.stdout.write(`peer api on http://127.0.0.1:${port}\n`);
});
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
