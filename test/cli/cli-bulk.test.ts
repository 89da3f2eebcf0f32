import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliHome, type CliStack, runCli, spawnCli, startCliStack } from "../support/cli-process.ts";
import { JOBS, syncAll } from "../support/jobs-fixture.ts";
import { type TestStack, waitFor } from "../support/stack-processes.ts";

type JobRow = { cckm_key_id: string; id: string };

const KEYS = 200;
const LOCKED = 2; // of them not exportable: their jobs FAIL without --delete-if-backup-fails

/** A bulk delete of 200 keys: plan, confirmation, a results file, SIGINT half-way and a resume. */
describe("cckm: bulk delete with a plan", () => {
  let stack: TestStack;
  let home: CliHome;
  let on: CliStack | undefined;
  const FILTER = "sap_group_name=finance,type=AES";
  const cckm = (args: string[]) => runCli(home, args);
  const readResults = async (path: string) => JSON.parse(await readFile(path, "utf8"));

  beforeAll(async () => {
    on = await startCliStack({ login: true });
    ({ stack, home } = on);
    const group = await stack.sap.admin.createGroup("finance");
    const client = stack.sap.client();
    for (let i = 0; i < KEYS; i++) {
      await client.createKey({
        name: `fin-${String(i).padStart(3, "0")}`,
        groupId: group.id,
        type: "AES",
        size: 256,
        exportable: i >= LOCKED,
      });
    }
    // Not selected by the filter: another type in the group.
    await client.createKey({ name: "fin-rsa", groupId: group.id, type: "RSA", size: 2048, exportable: true });
    await syncAll(stack);
  });
  afterAll(async () => {
    await on?.stop();
    expect(liveProcesses()).toBe(0);
  });

  it("prints the plan (--dry-run) naming the keys that would fail, and submits nothing", async () => {
    const plan = await cckm(["--json", "sap", "keys", "delete", "--filter", FILTER, "--dry-run"]);
    expect(plan.code, plan.stderr).toBe(0);
    const body = JSON.parse(plan.stdout);
    expect(body.count).toBe(KEYS);
    expect(body.not_exportable).toHaveLength(LOCKED);
    expect(body.keys.every((k: { name: string }) => k.name.startsWith("fin-") && k.name !== "fin-rsa")).toBe(true);
    expect((await stack.call("GET", `${JOBS}?operation=delete`)).body.total).toBe(0);
  });

  it("asks for confirmation: without a terminal and without --yes it refuses", async () => {
    const refused = await cckm(["sap", "keys", "delete", "--filter", FILTER]);
    expect(refused.code).toBe(2);
    // Piped, the plan goes to stderr (stdout keeps to JSON), then the refusal's one line.
    const lines = refused.stderr.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^error: .*--yes/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(refused.stderr).toMatch(/Plan: delete 200 key\(s\)/);
    expect(refused.stderr).toMatch(/2 key\(s\) are not exportable: their jobs will FAIL/);
    expect((await stack.call("GET", `${JOBS}?operation=delete`)).body.total).toBe(0);
  });

  it("survives SIGINT half-way and resumes from the results file without a second job for any key", async () => {
    const out = join(home.dir, "results.json");
    const run = spawnCli(home, ["sap", "keys", "delete", "--filter", FILTER, "--yes", "--out", out, "--rate", "10"]);
    // Interrupt once a good part (not all) of the keys have their job, as the results file says.
    await waitFor(
      () => readResults(out).catch(() => ({ keys: [] })),
      (r) => r.keys.filter((k: { job_id: string | null }) => k.job_id).length >= 60,
      90_000,
    );
    run.child.kill("SIGINT");
    const stopped = await run.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/--resume/);
    const partial = await readResults(out);
    const submitted = partial.keys.filter((k: { job_id: string | null }) => k.job_id).length;
    expect(partial.keys).toHaveLength(KEYS);
    expect(submitted).toBeGreaterThan(0);
    expect(submitted).toBeLessThan(KEYS);

    const resumed = await cckm(["sap", "keys", "delete", "--resume", out]);
    // Two keys are not exportable: their jobs FAIL, so the run exits 1 and says why.
    expect(resumed.code, resumed.stderr).toBe(1);
    expect(resumed.stdout).toMatch(/BACKUP_FAILED/);
    const final = await readResults(out);
    const states = final.keys.map((k: { state: string }) => k.state);
    expect(states.filter((s: string) => s === "DONE")).toHaveLength(KEYS - LOCKED);
    expect(states.filter((s: string) => s === "FAILED")).toHaveLength(LOCKED);

    // The API's job list: exactly one delete job for each of the 200 keys.
    const jobs = (await stack.call("GET", `${JOBS}?operation=delete&limit=-1`)).body.resources as JobRow[];
    const perKey = new Map<string, number>();
    for (const j of jobs) perKey.set(j.cckm_key_id, (perKey.get(j.cckm_key_id) ?? 0) + 1);
    expect(perKey.size).toBe(KEYS);
    expect([...perKey.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(final.keys.map((k: { job_id: string }) => k.job_id))).toEqual(new Set(jobs.map((j) => j.id)));

    // A second resume finds everything finished and submits nothing.
    const again = await cckm(["sap", "keys", "delete", "--resume", out]);
    expect(again.code).toBe(1);
    expect((await stack.call("GET", `${JOBS}?operation=delete`)).body.total).toBe(KEYS);
  });
});
