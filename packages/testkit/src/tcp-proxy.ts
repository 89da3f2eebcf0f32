import { connect, createServer, type Server, type Socket } from "node:net";
import { freePort } from "./processes.ts";

export interface TcpProxy {
  port: number;
  /** Closes the listener and every connection: the service looks gone. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  /**
   * A silent network: open connections stop forwarding and new ones are accepted but never reach the
   * target; nothing is closed or refused. `down()` ends it (then `up()`).
   */
  stall(): void;
  close(): Promise<void>;
}

/** A TCP proxy to 127.0.0.1:`target` that a test can cut and restore, to play a dependency's outage. */
export async function startTcpProxy(target: number): Promise<TcpProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let stalled = false;
  const hold = (s: Socket) => {
    s.unpipe();
    s.pause();
  };
  const up = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        if (stalled) {
          sockets.add(client);
          client.on("close", () => sockets.delete(client));
          client.on("error", () => client.destroy());
          return hold(client);
        }
        const upstream = connect(target, "127.0.0.1");
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
  const stall = () => {
    stalled = true;
    for (const s of sockets) hold(s);
  };
  const down = async () => {
    stalled = false;
    for (const s of sockets) s.destroy();
    sockets.clear();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  };
  await up();
  return { port, up, down, stall, close: down };
}
