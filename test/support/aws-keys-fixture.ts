import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AWS_SYNC_JOBS_QUEUE } from "@cckm/jobs";
import { repoRoot } from "@cckm/testkit";
import { expect } from "vitest";
import {
  AWS_ACCESS_KEY_ID,
  AWS_ACCOUNT_ID,
  AWS_SECRET_ACCESS_KEY,
  type AwsKmsProcess,
  startAwsKms,
} from "./aws-kms-process.ts";
import { expectIdOnlyPayloads } from "./queue-payloads.ts";
import { recordingCaller } from "./recording-caller.ts";
import { startStack, type TestStack, waitFor } from "./stack-processes.ts";

export const CONNECTIONS = "/connectionmgmt/services/aws/connections";
export const KMS = "/cckm/aws/kms";
export const SYNC = "/cckm/aws/synchronization-jobs";
export const KEYS = "/cckm/aws/keys";

/** The seed's example answer (001: cancel-deletion), the shape every key answer must carry. */
export function seedExample(): Record<string, unknown> {
  // CipherTrust's page as the seeds hold it, copied into the repository so a clone has it.
  const page = readFileSync(join(repoRoot, "test", "fixtures", "seeds", "001_c578464204d7b20c.txt"), "utf8");
  const start = page.indexOf("{", page.indexOf("Example Response"));
  const end = page.lastIndexOf("}", page.indexOf("The sample output")) + 1;
  return JSON.parse(page.slice(start, end));
}

/**
 * Issue 15 over real processes: the AWS KMS simulator, the API and a worker (launched as `npm start`
 * launches them), Postgres and Redis; the official SDK (through @cckm/aws-kms-client) as the client.
 * One per test file: start() in its beforeAll, stop() in its afterAll.
 */
export function awsKeysFixture() {
  let stack: TestStack | undefined;
  let aws: AwsKmsProcess | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the AWS keys fixture is not started");
    return value;
  };

  // Every answer checked against the API's OpenAPI document, and kept: a secret must be in none of them.
  const recorder = recordingCaller(() => started(stack));
  const { call, answers } = recorder;
  const sync = async () => {
    const created = await call("POST", SYNC, { kms: ["demo"] });
    expect(created.status).toBe(201);
    return waitFor(
      () => call("GET", `${SYNC}/${created.body.id}`),
      (r) => r.body.overall_status !== "in_progress",
    );
  };
  const keyByAlias = async (alias: string) => {
    const list = await call("GET", `${KEYS}?alias=${alias}&gone=false`);
    expect(list.body.total).toBe(1);
    return list.body.resources[0];
  };

  return {
    get stack(): TestStack {
      return started(stack);
    },
    get aws(): AwsKmsProcess {
      return started(aws);
    },
    /** The simulator restarted by a test (stop() stops this one). */
    set aws(value: AwsKmsProcess) {
      aws = value;
    },
    call,
    sync,
    keyByAlias,

    /** The processes, and with `synchronized` the demo connection and KMS (both regions), synchronized once. */
    async start(options: { synchronized?: boolean } = {}) {
      [stack, aws] = await Promise.all([startStack(), startAwsKms()]);
      await recorder.load();
      if (!options.synchronized) return;
      const connection = await call("POST", CONNECTIONS, {
        name: "aws-demo",
        access_key_id: AWS_ACCESS_KEY_ID,
        secret_access_key: AWS_SECRET_ACCESS_KEY,
        aws_region: "us-east-1",
        endpoint: aws.url,
        products: ["cckm"],
      });
      expect(connection.status).toBe(201);
      const kms = await call("POST", KMS, {
        name: "demo",
        account_id: AWS_ACCOUNT_ID,
        connection: "aws-demo",
        regions: ["us-east-1", "eu-west-1"],
      });
      expect(kms.status).toBe(201);
      expect((await sync()).body.overall_status).toBe("completed");
    },

    /** The secret access key is in no answer, no log line and no queue payload. */
    async expectSecretNowhere() {
      const s = started(stack);
      for (const text of answers) expect(text).not.toContain(AWS_SECRET_ACCESS_KEY);
      await expectIdOnlyPayloads(s, AWS_SYNC_JOBS_QUEUE, ["awsSyncJobId"]);
      expect(s.api.output()).not.toContain(AWS_SECRET_ACCESS_KEY);
      for (const worker of s.workers) expect(worker.output()).not.toContain(AWS_SECRET_ACCESS_KEY);
    },

    async stop() {
      await Promise.allSettled([stack?.stop(), aws?.stop()]);
    },
  };
}
