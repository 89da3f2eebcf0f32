import { freePort, spawnApp, type TestProcess } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ENTRY, type ScaleStack, sapKeys, startScaleStack, untilReady } from "./scale/support/scale-stack.ts";
import { connectAndSync, finished, JOBS, rows, sapStatuses, submit } from "./support/jobs-fixture.ts";
import { apiCaller } from "./support/stack-processes.ts";
import { waitFor } from "./support/wait-for.ts";

// The API's group submit holds its statement open for 10 s here (in production one event-loop turn),
// so the test can kill an API with submits inside that window, then submit the same keys again.

describe("an API killed inside its group submit's window", () => {
  let stack: ScaleStack;
  let windowed: TestProcess | undefined;
  beforeAll(async () => {
    stack = await startScaleStack({ env: { JOB_BACKOFF_MS: "100" } });
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await windowed?.stop("SIGKILL");
    await stack.stop();
  });

  /** An API process whose submits wait 10 s for company. */
  async function windowedApi() {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    windowed = spawnApp("api", API_ENTRY, { ...stack.env, PORT: String(port), SUBMIT_GROUP_WINDOW_MS: "10000" }, []);
    await untilReady(url, windowed);
    return { url, process: windowed, call: apiCaller(url) };
  }

  const waiting = async (url: string) => {
    const text = await fetch(`${url}/metrics`).then((r) => r.text());
    return Number(/^cckm_submits_waiting(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? Number.NaN);
  };

  it("committed nothing of the group: no job, no SAP call; submitted again, each key gets one job and one delete", async () => {
    const keys = await sapKeys(stack, "submit-window", 3);
    const api = await windowedApi();
    await api.call("GET", "/cckm/sap/keys?limit=1"); // signs in before the submits, outside the window
    const inFlight = keys.map((k) =>
      api.call("POST", JOBS, { id: k.id, operation: "delete" }).then(
        (r) => r.status,
        () => "no answer",
      ),
    );
    await waitFor(
      () => waiting(api.url),
      (n) => n === 3,
      15_000,
    );
    await api.process.stop("SIGKILL");
    expect(await Promise.all(inFlight)).toEqual(["no answer", "no answer", "no answer"]);

    const ids = keys.map((k) => k.id);
    expect(await rows(stack, "SELECT id FROM sap_key_jobs WHERE cckm_key_id = ANY($1)", [ids])).toEqual([]);
    for (const k of keys) {
      expect(await sapStatuses(stack, "versions.export", k.sapId)).toEqual({});
      expect(await sapStatuses(stack, "keys.delete", k.sapId)).toEqual({});
    }

    // The clients' retries, through the API that still runs: one job per key, each backed up and deleted once.
    const answers = await Promise.all(keys.map((k) => submit(stack, { id: k.id, operation: "delete" })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    for (const a of answers) expect(await finished(stack, a.body.id)).toMatchObject({ state: "DONE" });
    expect(await rows(stack, "SELECT id FROM sap_key_jobs WHERE cckm_key_id = ANY($1)", [ids])).toHaveLength(3);
    for (const k of keys) {
      expect(await sapStatuses(stack, "versions.export", k.sapId)).toEqual({ "200": 1 });
      expect(await sapStatuses(stack, "keys.delete", k.sapId)).toEqual({ "204": 1 });
    }
  });
});
