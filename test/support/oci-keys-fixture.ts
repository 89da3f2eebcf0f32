import { OCI_SYNC_JOBS_QUEUE } from "@cckm/jobs";
import { expect } from "vitest";
import { OCI_DEMO, type OciKmsProcess, startOciKms } from "./oci-kms-process.ts";
import { expectIdOnlyPayloads } from "./queue-payloads.ts";
import { recordingCaller } from "./recording-caller.ts";
import { startStack, type TestStack, waitFor } from "./stack-processes.ts";

/**
 * Issue 16 over real processes: the API and a worker (through the launcher), Postgres, Redis and
 * the OCI KMS simulator, which Oracle's SDK talks to through @cckm/oci-kms-client. One per test
 * file: start() in its beforeAll, stop() in its afterAll.
 */
export function ociKeysFixture() {
  let stack: TestStack | undefined;
  let oci: OciKmsProcess | undefined;
  let connectionId = "";
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the OCI keys fixture is not started");
    return value;
  };

  // Every answer checked against the API's OpenAPI document, and kept: a secret must be in none of them.
  const recorder = recordingCaller(() => started(stack));
  const { call, answers } = recorder;
  const connectionBody = (name: string) => ({
    name,
    products: ["cckm"],
    tenancy_ocid: OCI_DEMO.tenancy,
    user_ocid: OCI_DEMO.user,
    fingerprint: OCI_DEMO.fingerprint,
    region: OCI_DEMO.region,
    credentials: { key_file: OCI_DEMO.privateKey() },
    kms_endpoint: started(oci).url,
  });
  const keyNamed = async (name: string) => {
    const { body } = await call("GET", `/cckm/oci/keys?key_name=${name}`);
    expect(body.total).toBe(1);
    return body.resources[0];
  };
  const refreshUntil = (id: string, state: string) =>
    waitFor(
      () => call("POST", `/cckm/oci/keys/${id}/refresh`),
      (r) => r.status === 200 && r.body.oci_params.lifecycle_state === state,
      20_000,
    );
  const sync = async () => {
    const created = await call("POST", "/cckm/oci/synchronization-jobs", {
      synchronize_all: true,
      connection: "oci-demo",
      compartments: [OCI_DEMO.compartment],
    });
    expect(created.status).toBe(201);
    expect(created.body.overall_status).toBe("in_progress");
    const done = await waitFor(
      () => call("GET", `/cckm/oci/synchronization-jobs/${created.body.id}`),
      (r) => r.body.overall_status !== "in_progress",
      30_000,
    );
    expect(done.body.overall_status).toBe("completed");
    return done.body;
  };

  /** What the API and the workers logged so far. */
  const logsSoFar = (): string => {
    const s = started(stack);
    return s.api.output() + s.workers.map((w) => w.output()).join("");
  };

  return {
    get stack(): TestStack {
      return started(stack);
    },
    get oci(): OciKmsProcess {
      return started(oci);
    },
    answers,
    /** The demo connection's id (set by start({ synchronized }) or by the test that creates it). */
    get connectionId(): string {
      return connectionId;
    },
    set connectionId(id: string) {
      connectionId = id;
    },
    call,
    connectionBody,
    keyNamed,
    refreshUntil,
    sync,

    /** The processes, and with `synchronized` the demo connection and its two vaults, synchronized once. */
    async start(options: { synchronized?: boolean } = {}) {
      oci = await startOciKms({ env: { OCI_KMS_TRANSITION_DELAY_MS: "300" } });
      stack = await startStack();
      await recorder.load();
      if (!options.synchronized) return;
      const created = await call("POST", "/connectionmgmt/services/oci/connections", connectionBody("oci-demo"));
      expect(created.status).toBe(201);
      connectionId = created.body.id;
      const listed = await call("POST", "/cckm/oci/get-vaults", {
        connection: "oci-demo",
        compartment_id: OCI_DEMO.tenancy,
        region: OCI_DEMO.region,
      });
      expect(listed.status).toBe(200);
      const added = await call("POST", "/cckm/oci/add-vaults", {
        connection: "oci-demo",
        region: OCI_DEMO.region,
        vault_id: listed.body.data.map((v: { vault_id: string }) => v.vault_id),
      });
      expect(added.status).toBe(200);
      await sync();
    },

    /** The private key is in no answer and no log line; the queue's payloads are ids. */
    async expectPrivateKeyNowhere() {
      const s = started(stack);
      const lines = OCI_DEMO.privateKey()
        .split("\n")
        .filter((l) => l.length > 20 && !l.startsWith("-----"));
      const logs = logsSoFar();
      for (const line of lines) {
        for (const answer of answers) expect(answer).not.toContain(line);
        expect(logs).not.toContain(line);
      }
      expect(answers.join("")).not.toContain("PRIVATE KEY");
      await expectIdOnlyPayloads(s, OCI_SYNC_JOBS_QUEUE, ["ociSyncJobId"]);
    },

    logs: logsSoFar,

    async stop() {
      await stack?.stop();
      await oci?.stop();
    },
  };
}
