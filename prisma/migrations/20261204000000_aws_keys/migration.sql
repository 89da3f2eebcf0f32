-- Issue 15: AWS keys. Connections (the IAM secret access key sealed under the keyring, never in the
-- clear), KMS accounts (an AWS account id and its regions behind a connection), the keys a
-- synchronization brought in (one row per (kms, region, AWS KeyId)), and the synchronization jobs.
CREATE TABLE "aws_connections" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "access_key_id" TEXT NOT NULL,
    "secret_ciphertext" BYTEA NOT NULL,
    "secret_nonce" BYTEA NOT NULL,
    "secret_tag" BYTEA NOT NULL,
    "secret_wrapped_dek" BYTEA NOT NULL,
    "secret_kek_id" TEXT NOT NULL,
    "aws_region" TEXT NOT NULL,
    "cloud_name" TEXT NOT NULL DEFAULT 'aws',
    "endpoint" TEXT,
    "meta" JSONB,
    "labels" JSONB,
    "last_tested_at" TIMESTAMPTZ(6),
    "last_test_ok" BOOLEAN,
    "last_test_error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "aws_connections_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "aws_connections_name_key" ON "aws_connections"("name");

CREATE TABLE "aws_kms" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "regions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "connection_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "aws_kms_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "aws_kms_name_key" ON "aws_kms"("name");
CREATE INDEX "aws_kms_connection_id_idx" ON "aws_kms"("connection_id");
ALTER TABLE "aws_kms" ADD CONSTRAINT "aws_kms_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "aws_connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "aws_keys" (
    "id" UUID NOT NULL,
    "kms_id" UUID NOT NULL,
    "region" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "aws_account_id" TEXT NOT NULL,
    "key_state" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "key_usage" TEXT,
    "key_spec" TEXT,
    "origin" TEXT,
    "key_manager" TEXT,
    "description" TEXT,
    "creation_date" TIMESTAMPTZ(6),
    "deletion_date" TIMESTAMPTZ(6),
    "multi_region" BOOLEAN NOT NULL DEFAULT false,
    "metadata" JSONB NOT NULL,
    "policy" JSONB,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tags" JSONB NOT NULL DEFAULT '[]',
    "rotation_enabled" BOOLEAN NOT NULL DEFAULT false,
    "rotation_status" TEXT NOT NULL DEFAULT '',
    "gone" BOOLEAN NOT NULL DEFAULT false,
    "synced_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "aws_keys_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "aws_keys_kms_id_region_key_id_key" ON "aws_keys"("kms_id", "region", "key_id");
CREATE INDEX "aws_keys_arn_idx" ON "aws_keys"("arn");
CREATE INDEX "aws_keys_gone_created_at_idx" ON "aws_keys"("gone", "created_at");
ALTER TABLE "aws_keys" ADD CONSTRAINT "aws_keys_kms_id_fkey" FOREIGN KEY ("kms_id") REFERENCES "aws_kms"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "aws_sync_jobs" (
    "id" UUID NOT NULL,
    "synchronize_all" BOOLEAN NOT NULL DEFAULT false,
    "overall_status" "sync_status" NOT NULL DEFAULT 'in_progress',
    "details" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "abort" BOOLEAN NOT NULL DEFAULT false,
    "creator_id" TEXT NOT NULL,
    "creator_name" TEXT NOT NULL,
    "completed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "aws_sync_jobs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "aws_sync_jobs_created_at_idx" ON "aws_sync_jobs"("created_at" DESC);

-- The KMS accounts of a sync job; `running` while the job is in progress. At most one running sync per KMS.
CREATE TABLE "aws_sync_job_kms" (
    "sync_job_id" UUID NOT NULL,
    "kms_id" UUID NOT NULL,
    "running" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "aws_sync_job_kms_pkey" PRIMARY KEY ("sync_job_id", "kms_id")
);
CREATE INDEX "aws_sync_job_kms_kms_id_idx" ON "aws_sync_job_kms"("kms_id");
CREATE UNIQUE INDEX "aws_sync_job_kms_one_running_per_kms" ON "aws_sync_job_kms"("kms_id") WHERE running;
ALTER TABLE "aws_sync_job_kms" ADD CONSTRAINT "aws_sync_job_kms_sync_job_id_fkey" FOREIGN KEY ("sync_job_id") REFERENCES "aws_sync_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "aws_sync_job_kms" ADD CONSTRAINT "aws_sync_job_kms_kms_id_fkey" FOREIGN KEY ("kms_id") REFERENCES "aws_kms"("id") ON DELETE CASCADE ON UPDATE CASCADE;
