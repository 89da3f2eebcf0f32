import { AwsKmsError } from "@cckm/aws-kms-client";
import { SYNC_ACTIVE_STATUS } from "@cckm/db";
import type { CloudProvider } from "../provider/cloud-provider.ts";
import type { AwsClients } from "./aws-clients.ts";
import { awsSecretAad } from "./aws-connections.ts";
import { AWS_KEY_TABLE } from "./aws-key-writes.ts";
import { type AwsSyncDetails, type AwsSyncTarget, runAwsSync } from "./aws-sync.ts";

/** What an AWS synchronization runs on: its KMS resources and their regions. */
export interface AwsSyncRun {
  id: string;
  abort: boolean;
  targets: AwsSyncTarget[];
}

/**
 * AWS KMS: connections of an access key (the secret access key sealed), KMS resources (an account and
 * its regions) as containers, keys by (KMS, region, KeyId). Errors are recorded as `AWS_<code>`.
 */
export const awsProvider = {
  cloud: "aws",
  connections: { secretAad: awsSecretAad },
  containers: { noun: "kms", uriKind: "cckm:aws-kms" },
  keys: { table: AWS_KEY_TABLE, uriKind: "cckm:aws-key" },
  sync: {
    kind: "aws-sync",
    jobName: "aws-sync",
    operation: "aws-sync",
    table: { table: "aws_sync_jobs", release: { table: "aws_sync_job_kms", jobColumn: "sync_job_id" } },
    nothing: { kms: [] },
    async claim(db, id) {
      const row = await db.awsSyncJob.findUnique({
        where: { id },
        include: { kms: { select: { kms: { select: { id: true, name: true, regions: true } } } } },
      });
      if (!row) return { outcome: "missing" };
      if (row.overallStatus !== SYNC_ACTIVE_STATUS) return { outcome: "finished" };
      return { outcome: "claimed", claimed: { id: row.id, abort: row.abort, targets: row.kms.map((k) => k.kms) } };
    },
    async run(db, clients, sync, hooks) {
      const details = await runAwsSync(db, clients, sync.targets, { stopRequested: hooks.stopRequested });
      return { status: "completed", details, error: null };
    },
    engineError: (error) =>
      error instanceof AwsKmsError
        ? { code: `AWS_${error.code}`, message: error.message, transient: error.transient }
        : undefined,
  },
} satisfies CloudProvider<AwsClients, AwsSyncRun, AwsSyncDetails>;
