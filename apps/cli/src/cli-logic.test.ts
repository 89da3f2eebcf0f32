import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backoffMs } from "./api-client.ts";
import { loadResults, type Results, ResultsWriter } from "./bulk/results-file.ts";
import { JobTracker } from "./jobs.ts";
import { parseFilter, queryOf } from "./lists.ts";
import { ProfileStore, profilesPath } from "./profile-store.ts";
import type { JobResource } from "./resources.ts";
import type { JobEvent } from "./sse.ts";

const job = (id: string, state: string, key = "k1"): JobResource =>
  ({ id, state, cckm_key_id: key, operation: "delete" }) as JobResource;
const event = (id: string, jobId: string, to: string, key = "k1"): JobEvent =>
  ({ id, job_id: jobId, cckm_key_id: key, to_state: to, error_code: null, reason: null }) as JobEvent;

describe("the CLI's own logic", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cckm-unit-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads --filter as the list's query parameters, refusing unknown or malformed ones", () => {
    expect(parseFilter("sap_group_name=finance, type=AES", ["sap_group_name", "type"])).toEqual({
      sap_group_name: "finance",
      type: "AES",
    });
    expect(() => parseFilter("colour=blue", ["type"])).toThrow(/unknown field "colour"/);
    expect(() => parseFilter("type", ["type"])).toThrow(/not name=value/);
    expect(() => parseFilter("type=", ["type"])).toThrow(/not name=value/);
    expect(() => parseFilter(" , ", ["type"])).toThrow(/at least one/);
    const flags = { sapGroupName: "x", totalVersions: "2", limit: "5" };
    const query = queryOf(flags, ["sap_group_name", "totalVersions"]);
    expect(query).toEqual({ sap_group_name: "x", totalVersions: "2", limit: 5 });
    expect(() => queryOf({ limit: "many" }, [])).toThrow(/--limit/);
  });

  it("moves a job forward only, and keeps the events of a job whose submit answer is still on its way", () => {
    const changes: string[] = [];
    const tracker = new JobTracker((j, from) => changes.push(`${from ?? "-"}>${j.state}`), new Set(["k1"]));
    tracker.apply(event("1", "j1", "PENDING"));
    tracker.apply(event("2", "j1", "IN_PROGRESS"));
    tracker.apply(event("9", "j9", "DONE", "someone-elses-key"));
    tracker.track(job("j1", "PENDING"));
    expect(changes).toEqual(["->PENDING", "PENDING>IN_PROGRESS"]);
    tracker.apply(event("2", "j1", "PENDING"));
    tracker.apply(event("3", "j1", "FAILED"));
    tracker.apply(event("4", "j1", "DONE"));
    tracker.track(job("j1", "IN_PROGRESS"));
    expect(tracker.jobs.get("j1")?.state).toBe("FAILED");
    expect(tracker.unfinished).toEqual([]);
    expect(tracker.jobs.has("j9")).toBe(false);
  });

  it("writes the results file by rename, and loads only a results file", async () => {
    const path = join(dir, "results.json");
    const results: Results = {
      version: 1,
      operation: "delete",
      url: "https://x",
      filter: "type=AES",
      delete_if_backup_fails: false,
      started_at: new Date().toISOString(),
      updated_at: "",
      keys: [{ key_id: "k1", name: "n", sap_key_id: "s", job_id: null, state: null, outcome: "pending" }],
    };
    const writer = new ResultsWriter(path, results);
    writer.flush();
    results.keys[0] = { ...(results.keys[0] as Results["keys"][0]), job_id: "j1", state: "DONE", outcome: "submitted" };
    writer.close();
    expect(loadResults(path).keys[0]).toMatchObject({ job_id: "j1", state: "DONE" });
    await expect(readFile(`${path}.${process.pid}.tmp`)).rejects.toThrow();
    const other = join(dir, "other.json");
    await writeFile(other, '{"hello":1}');
    expect(() => loadResults(other)).toThrow(/not a cckm results file/);
    expect(() => loadResults(join(dir, "missing.json"))).toThrow(/does not exist/);
  });

  it("keeps profiles side by side under XDG_CONFIG_HOME, readable by their owner only", async () => {
    const path = profilesPath({ XDG_CONFIG_HOME: dir });
    expect(path).toBe(join(dir, "cckm", "profiles.json"));
    const a = new ProfileStore("a", path);
    const b = new ProfileStore("b", path);
    a.write({ url: "https://a", user: "admin", insecure: true, refresh_token: "ra" });
    b.write({ url: "https://b", user: "bob", insecure: false, refresh_token: "rb" });
    expect(a.require().refresh_token).toBe("ra");
    expect(b.read()?.user).toBe("bob");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    a.write(null);
    expect(a.read()).toBeNull();
    expect(() => a.require()).toThrow(/not signed in/);
    expect(b.read()?.url).toBe("https://b");
    expect(() => new ProfileStore("../x", path)).toThrow(/not a profile name/);
  });

  it("waits as Retry-After says (capped), else backs off", () => {
    const answer = (value: string) => ({ status: 429, headers: { "retry-after": value }, body: undefined });
    expect(backoffMs(answer("2"), 0)).toBe(2000);
    expect(backoffMs(answer("3600"), 0)).toBe(10_000);
    const backoff = backoffMs(undefined, 3);
    expect(backoff).toBeGreaterThanOrEqual(1000);
    expect(backoff).toBeLessThanOrEqual(2000);
  });
});
