import { connect, createServer, type Server, type Socket } from "node:net";
import { freePort } from "@cckm/testkit";

/** What the proxy swallowed of the answer it lost. */
export interface LostAnswer {
  /** The answer held an ErrorResponse: the statement failed. */
  failed: boolean;
  /** The transaction status of its ReadyForQuery ('I': idle, so the statement's transaction committed). */
  status: string;
}

export interface PgLostAnswerProxy {
  port: number;
  /**
   * The next time a client sends the prepared statement `name` (its Parse or Bind names it), the
   * server's whole answer to it, up to and including its ReadyForQuery, is swallowed and both sockets
   * are destroyed: the statement ran (and committed, when `status` is 'I'), its answer never came.
   * Once only; resolves when it happened.
   */
  loseAnswerTo(name: string): Promise<LostAnswer>;
  close(): Promise<void>;
}

/** The messages of a backend's stream (type byte, int32 length including itself), while complete. */
function* messages(buffer: Buffer): Generator<{ type: string; body: Buffer }> {
  let at = 0;
  while (at + 5 <= buffer.length) {
    const length = buffer.readInt32BE(at + 1);
    if (at + 1 + length > buffer.length) return;
    yield { type: String.fromCharCode(buffer[at] ?? 0), body: buffer.subarray(at + 5, at + 1 + length) };
    at += 1 + length;
  }
}

/** A TCP proxy to Postgres at 127.0.0.1:`target` that can lose one statement's answer on purpose. */
export async function startPgLostAnswerProxy(target: number): Promise<PgLostAnswerProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let armed: { needle: Buffer; resolve: (lost: LostAnswer) => void } | undefined;
  const server: Server = createServer((client) => {
    const upstream = connect(target, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    let losing: { resolve: (lost: LostAnswer) => void; held: Buffer } | undefined;
    client.on("data", (chunk: Buffer) => {
      if (armed && chunk.includes(armed.needle)) {
        losing = { resolve: armed.resolve, held: Buffer.alloc(0) };
        armed = undefined;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (!losing) return void client.write(chunk);
      losing.held = Buffer.concat([losing.held, chunk]);
      const seen = [...messages(losing.held)];
      const ready = seen.find((m) => m.type === "Z");
      if (!ready) return;
      client.destroy();
      upstream.destroy();
      losing.resolve({ failed: seen.some((m) => m.type === "E"), status: String.fromCharCode(ready.body[0] ?? 0) });
    });
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port,
    loseAnswerTo: (name) =>
      new Promise<LostAnswer>((resolve) => {
        armed = { needle: Buffer.from(`${name}\0`), resolve };
      }),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
