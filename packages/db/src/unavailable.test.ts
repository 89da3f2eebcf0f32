import { createServer } from "node:net";
import { startTcpProxy, testPgAdminUrl } from "@cckm/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { createPool, createPrismaClient } from "./client.ts";
import { isDatabaseUnavailable } from "./unavailable.ts";

/** A port on loopback that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("isDatabaseUnavailable", async () => {
  const port = await closedPort();
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const live = createPool(testPgAdminUrl(), { max: 1 });
  afterAll(() => live.end());

  it("is true for a refused connection, raw SQL and Prisma alike", async () => {
    const pool = createPool(url, { max: 1 });
    const raw = await pool.query("SELECT 1").catch((e: unknown) => e);
    await pool.end();
    expect(isDatabaseUnavailable(raw)).toBe(true);

    const prisma = createPrismaClient(url, { max: 1 });
    const viaPrisma = await prisma.$queryRawUnsafe("SELECT 1").catch((e: unknown) => e);
    await prisma.$disconnect();
    expect(isDatabaseUnavailable(viaPrisma)).toBe(true);
  });

  it("is true when Postgres terminates the session", async () => {
    const client = await live.connect();
    client.on("error", () => {});
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const killer = createPool(testPgAdminUrl(), { max: 1 });
    const running = client.query("SELECT pg_sleep(5)").catch((e: unknown) => e);
    await killer.query("SELECT pg_terminate_backend($1)", [rows[0]?.pid]);
    await killer.end();
    expect(isDatabaseUnavailable(await running)).toBe(true);
    client.release(true);
  });

  it("is true when the network goes silent: a connect that times out, a statement left unanswered", async () => {
    const admin = new URL(testPgAdminUrl());
    const proxy = await startTcpProxy(Number(admin.port || 5432));
    admin.port = String(proxy.port);
    const pool = createPool(admin.toString(), { max: 2, connectionTimeoutMillis: 300, queryTimeoutMillis: 300 });
    try {
      const client = await pool.connect(); // one connection opened before the silence, idle in the pool
      client.release();
      proxy.stall();
      const [unanswered, neverConnected] = await Promise.all([
        pool.query("SELECT 1").catch((e: unknown) => e),
        pool.query("SELECT 2").catch((e: unknown) => e),
      ]);
      expect(isDatabaseUnavailable(unanswered)).toBe(true);
      expect(isDatabaseUnavailable(neverConnected)).toBe(true);
    } finally {
      await proxy.down();
      await pool.end();
    }
  });

  it("is false for a statement's own error and for anything else", async () => {
    const syntax = await live.query("SELEC 1").catch((e: unknown) => e);
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    const unique = await live.query("SELECT 1/0").catch((e: unknown) => e);
    expect(isDatabaseUnavailable(unique)).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
