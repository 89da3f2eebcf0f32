import { signInAsAdmin } from "./admin-api.ts";
/** The AWS KMS simulator's demo account (apps/aws-kms/README.md); public development defaults. */
export interface AwsDemoEnv {
  AWS_KMS_PORT: number;
  AWS_KMS_DEMO_ACCESS_KEY_ID: string;
  AWS_KMS_DEMO_SECRET_ACCESS_KEY: string;
  AWS_KMS_DEMO_ACCOUNT_ID: string;
}

/**
 * The AWS simulator's settings `npm start` uses, with the simulator's own defaults (its schema,
 * apps/aws-kms/src/env.ts, checks the rest). A port that is not one stops the start before anything runs.
 */
export function awsDemoEnvOf(source: NodeJS.ProcessEnv): AwsDemoEnv {
  const port = Number(source.AWS_KMS_PORT || 4566);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`AWS_KMS_PORT: "${source.AWS_KMS_PORT}" is not a port (1-65535)`);
  }
  return {
    AWS_KMS_PORT: port,
    AWS_KMS_DEMO_ACCESS_KEY_ID: source.AWS_KMS_DEMO_ACCESS_KEY_ID || "AKIAAWSKMSSIMDEMO001",
    AWS_KMS_DEMO_SECRET_ACCESS_KEY: source.AWS_KMS_DEMO_SECRET_ACCESS_KEY || "dev-only-aws-kms-simulator-demo-secret00",
    AWS_KMS_DEMO_ACCOUNT_ID: source.AWS_KMS_DEMO_ACCOUNT_ID || "111122223333",
  };
}

const NAME = "aws-demo";
const REGIONS = ["us-east-1", "eu-west-1"];

/**
 * Through the API, as any client would: signs in as admin, creates the `aws-demo` connection to the
 * simulator's demo account and its `aws-demo` KMS (once each), and synchronizes it, so a new user
 * finds AWS keys at once. Returns a line for the log; never fails the start.
 */
export async function connectAwsDemo(options: {
  apiUrl: string;
  adminPassword: string;
  awsKmsUrl: string;
  env: AwsDemoEnv;
}): Promise<string> {
  const { apiUrl, env } = options;
  const api = await signInAsAdmin(apiUrl, options.adminPassword);
  if (!api) return "AWS demo skipped: admin's password is no longer ADMIN_PASSWORD";
  const connections = "/connectionmgmt/services/aws/connections";
  const existing = await api.call("GET", `${connections}?name=${NAME}`);
  const [current] = (existing.body.resources ?? []) as Array<{ id: string; endpoint: string | null }>;
  const credentials = {
    access_key_id: env.AWS_KMS_DEMO_ACCESS_KEY_ID,
    secret_access_key: env.AWS_KMS_DEMO_SECRET_ACCESS_KEY,
    endpoint: options.awsKmsUrl,
  };
  if (current && current.endpoint !== options.awsKmsUrl) {
    await api.call("PATCH", `${connections}/${current.id}`, credentials);
  }
  if (!current) {
    const created = await api.call("POST", connections, {
      name: NAME,
      description: "The AWS KMS simulator's demo account (created by npm start)",
      aws_region: REGIONS[0],
      ...credentials,
    });
    if (created.status !== 201) return `AWS demo connection not created: ${String(created.body.message)}`;
  }
  const kms = await api.call("GET", `/cckm/aws/kms?name=${NAME}`);
  if (Number(kms.body.total) === 0) {
    const body = { name: NAME, account_id: env.AWS_KMS_DEMO_ACCOUNT_ID, connection: NAME, regions: REGIONS };
    const created = await api.call("POST", "/cckm/aws/kms", body);
    if (created.status !== 201) return `AWS demo KMS not created: ${String(created.body.message)}`;
  }
  const sync = await api.call("POST", "/cckm/aws/synchronization-jobs", { kms: [NAME] });
  if (sync.status !== 201) return `AWS demo account not synchronized: ${String(sync.body.message)}`;
  const deadline = Date.now() + 30_000;
  let status = "in_progress";
  while (status === "in_progress" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const job = await api.call("GET", `/cckm/aws/synchronization-jobs/${String(sync.body.id)}`);
    status = String(job.body.overall_status);
    if (status === "failed") status = `failed (${String(job.body.error)})`;
  }
  const keys = await api.call("GET", "/cckm/aws/keys?limit=1&gone=false");
  return `connection and KMS ${NAME}, synchronization ${status}, ${String(keys.body.total)} AWS key(s) in the inventory`;
}
