import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readMigrations } from "@cckm/db";
import {
  createTestDatabase,
  deleteRedisPrefix,
  descendants,
  freePort,
  isAlive,
  liveProcesses,
  spawnTs,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from "@cckm/testkit";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const STACK = "apps/stack/src/main.ts";
const DEMO_SYNCED = /demo tenant: connection sap-demo, synchronization completed, [1-9]\d* key\(s\)/;
const AWS_DEMO_SYNCED = /AWS demo account: connection and KMS aws-demo, synchronization completed, [1-9]\d* AWS key/;
const OCI_DEMO_SYNCED =
  /demo tenancy: connection oci-demo, [1-9]\d* vault\(s\), synchronization completed, [1-9]\d* OCI key/;

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    return "(gone)";
  }
}

async function ports() {
  return {
    PORT: String(await freePort()),
    WORKER_HEALTH_PORT: String(await freePort()),
    SAP_KMS_PORT: String(await freePort()),
    AWS_KMS_PORT: String(await freePort()),
    OCI_KMS_PORT: String(await freePort()),
    TLS_PORT: String(await freePort()),
  };
}

/** Runs the banner's sign-in command in a shell, as a user who copies it would; returns what curl printed. */
async function runPrintedSignIn(output: string, adminPassword: string | undefined): Promise<string> {
  const lines = output.slice(output.indexOf("Get a token:")).split("\n").slice(1, 3);
  const shell = spawn("bash", ["-c", lines.join("\n")], {
    env: { PATH: process.env.PATH, ...(adminPassword ? { ADMIN_PASSWORD: adminPassword } : {}) },
  });
  let out = "";
  shell.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  await new Promise((resolve) => shell.on("close", resolve));
  return out;
}

async function json(url: string) {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Starts the stack, checks every service answers, stops it with SIGINT, and checks nothing is left. */
async function startCheckStop(env: Record<string, string | undefined>, signIn = false) {
  // A prefix of its own: another stack's worker must never take this one's jobs.
  const prefix = testRedisPrefix();
  const stack = spawnTs(STACK, { REDIS_PREFIX: prefix, ...env });
  let tree: number[] = [];
  try {
    await stack.waitForOutput(/orchestrator is up/, 90_000);
    tree = descendants(stack.child.pid as number);
    expect(tree.length).toBeGreaterThanOrEqual(3);

    const api = await json(`http://127.0.0.1:${env.PORT}/readyz`);
    expect(api).toEqual({
      status: 200,
      body: { ok: true, checks: { postgres: { ok: true }, redis: { ok: true }, migrations: { ok: true } } },
    });
    expect((await json(`http://127.0.0.1:${env.WORKER_HEALTH_PORT}/readyz`)).status).toBe(200);
    expect((await json(`http://127.0.0.1:${env.SAP_KMS_PORT}/healthz`)).status).toBe(200);
    expect((await json(`http://127.0.0.1:${env.AWS_KMS_PORT}/healthz`)).status).toBe(200);
    expect(stack.output()).toContain(`curl -k -s --compressed https://127.0.0.1:${env.TLS_PORT}/api/v1/auth/tokens`);
    if (signIn) {
      // Over HTTPS with the self-signed certificate, gzip when asked, the password put in by the shell.
      const answer = JSON.parse(await runPrintedSignIn(stack.output(), env.ADMIN_PASSWORD));
      expect(answer).toMatchObject({ token_type: "Bearer", duration: 300 });
      const docs = await fetch(`http://127.0.0.1:${env.PORT}/api/docs/openapi.json`, {
        headers: { "accept-encoding": "gzip" },
      });
      expect(docs.headers.get("content-encoding")).toBe("gzip");
    }
  } finally {
    const exit = await stack.stop("SIGINT");
    await deleteRedisPrefix(prefix, env.REDIS_URL ?? testRedisUrl()).catch(() => 0); // its own Redis is gone
    expect(exit.code).toBe(0);
  }
  expect(tree.filter(isAlive).map((p) => `${p}: ${cmdline(p)}`)).toEqual([]);
  return stack.output();
}

describe("npm start", () => {
  afterEach(() => {
    expect(liveProcesses()).toBe(0);
  });

  describe("with DATABASE_URL and REDIS_URL", () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase({ migrated: false });
    });
    afterAll(async () => {
      await db.drop();
    });

    it("migrates, creates the admin user, runs every service and stops them all on SIGINT", async () => {
      const env = {
        DATABASE_URL: db.url,
        REDIS_URL: testRedisUrl(),
        ADMIN_PASSWORD: "first-password",
        ...(await ports()),
      };
      const first = await startCheckStop(env, true);
      expect(first).toContain(`migrations: ${(await readMigrations()).length} applied, 0 already applied`);
      expect(first).toContain("admin user created from ADMIN_PASSWORD");
      expect(first).toMatch(DEMO_SYNCED);
      expect(first).toMatch(AWS_DEMO_SYNCED);
      expect(first).toMatch(OCI_DEMO_SYNCED);
      expect(first).toContain("password from ADMIN_PASSWORD");
      expect(first).not.toContain("first-password");

      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query(`SELECT username, groups, password_hash FROM users`);
      await client.end();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ username: "admin", groups: ["admin"] });
      expect(rows[0].password_hash).toMatch(/^scrypt\$/);

      const second = await startCheckStop({ ...env, ADMIN_PASSWORD: "second-password", ...(await ports()) });
      expect(second).toContain(`migrations: 0 applied, ${(await readMigrations()).length} already applied`);
      expect(second).toContain('"msg":"admin user exists"');
      expect(second).toContain("demo connection skipped: admin's password is no longer ADMIN_PASSWORD");
    });
  });

  describe("with nothing local", () => {
    let dataDir: string;
    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), "cckm-stack-"));
      await chmod(dataDir, 0o755); // the embedded server runs as the postgres user when we are root
    });
    afterAll(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    it("starts an embedded Postgres and its own redis-server under the data dir, and reuses them", async () => {
      const nowhere = await freePort();
      const env = {
        DATABASE_URL: undefined,
        REDIS_URL: undefined,
        STACK_DATA_DIR: dataDir,
        STACK_LOCAL_POSTGRES_URL: `postgresql://postgres@127.0.0.1:${nowhere}/postgres`,
        STACK_LOCAL_REDIS_URL: `redis://127.0.0.1:${nowhere}`,
        STACK_EMBEDDED_POSTGRES_PORT: String(await freePort()),
        STACK_REDIS_PORT: String(await freePort()),
        ...(await ports()),
      };
      const first = await startCheckStop(env, true);
      expect(first).toContain("initialising an embedded Postgres");
      expect(first).toMatch(/postgres: embedded Postgres on port \d+/);
      expect(first).toMatch(/redis: redis-server on port \d+ \(AOF in .*, noeviction\)/);
      expect(first).toContain("admin user created from ADMIN_PASSWORD");

      const second = await startCheckStop({ ...env, ...(await ports()) });
      expect(second).not.toContain("initialising");
      expect(second).toContain(`migrations: 0 applied, ${(await readMigrations()).length} already applied`);
      expect(second).toContain('"msg":"admin user exists"');
      expect(second).toMatch(DEMO_SYNCED);
      expect(second).toMatch(AWS_DEMO_SYNCED);
      expect(second).toMatch(OCI_DEMO_SYNCED);
    });
  });
});
