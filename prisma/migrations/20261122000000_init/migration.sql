-- CreateEnum
CREATE TYPE "job_state" AS ENUM ('PENDING', 'IN_PROGRESS', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "job_operation" AS ENUM ('delete', 'restore');

-- CreateEnum
CREATE TYPE "backup_status" AS ENUM ('none', 'done', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "sync_status" AS ENUM ('in_progress', 'completed', 'failed');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "nickname" TEXT,
    "email" TEXT,
    "password_hash" TEXT NOT NULL,
    "groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refresh_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sap_connections" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "api_endpoint" TEXT NOT NULL,
    "api_key" TEXT NOT NULL,
    "secret_ciphertext" BYTEA NOT NULL,
    "secret_nonce" BYTEA NOT NULL,
    "secret_tag" BYTEA NOT NULL,
    "secret_kek_id" TEXT NOT NULL,
    "last_tested_at" TIMESTAMPTZ(6),
    "last_test_ok" BOOLEAN,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "sap_connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sap_groups" (
    "id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "sap_group_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "region" TEXT,
    "group_type" TEXT,
    "sap_meta" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "sap_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sap_keys" (
    "id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "sap_key_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "type" TEXT NOT NULL,
    "size" INTEGER,
    "curve" TEXT,
    "operations" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "exportable" BOOLEAN NOT NULL DEFAULT false,
    "sap_state" TEXT,
    "primary_version" INTEGER,
    "total_versions" INTEGER NOT NULL DEFAULT 0,
    "sap_meta" JSONB,
    "gone" BOOLEAN NOT NULL DEFAULT false,
    "gone_at" TIMESTAMPTZ(6),
    "backup_id" UUID,
    "last_synced_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "sap_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_backups" (
    "id" UUID NOT NULL,
    "key_id" UUID NOT NULL,
    "job_id" UUID NOT NULL,
    "sap_key_id" TEXT NOT NULL,
    "key_type" TEXT NOT NULL,
    "version_count" INTEGER NOT NULL,
    "proven_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "key_backups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_backup_versions" (
    "id" UUID NOT NULL,
    "backup_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "nonce" BYTEA NOT NULL,
    "tag" BYTEA NOT NULL,
    "kek_id" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "key_backup_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sap_key_jobs" (
    "id" UUID NOT NULL,
    "cckm_key_id" UUID NOT NULL,
    "group_id" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "operation" "job_operation" NOT NULL,
    "creator_id" TEXT NOT NULL,
    "creator_name" TEXT NOT NULL,
    "state" "job_state" NOT NULL DEFAULT 'PENDING',
    "delete_if_backup_fails" BOOLEAN NOT NULL DEFAULT false,
    "backup_status" "backup_status" NOT NULL DEFAULT 'none',
    "error" TEXT,
    "error_code" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "restored_sap_key_id" TEXT,
    "completed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "sap_key_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sap_key_job_events" (
    "id" BIGSERIAL NOT NULL,
    "job_id" UUID NOT NULL,
    "from_state" "job_state",
    "to_state" "job_state" NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "error_code" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sap_key_job_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_jobs" (
    "id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "synchronize_all" BOOLEAN NOT NULL DEFAULT false,
    "groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "overall_status" "sync_status" NOT NULL DEFAULT 'in_progress',
    "details" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "creator_id" TEXT NOT NULL,
    "creator_name" TEXT NOT NULL,
    "completed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "sync_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_records" (
    "id" UUID NOT NULL,
    "request_id" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_name" TEXT,
    "action" TEXT NOT NULL,
    "resource_type" TEXT,
    "resource_id" TEXT,
    "outcome" TEXT NOT NULL,
    "status" INTEGER,
    "detail" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_records_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "refresh_tokens_user_id_idx" ON "refresh_tokens"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "sap_connections_name_key" ON "sap_connections"("name");

-- CreateIndex
CREATE INDEX "sap_groups_name_idx" ON "sap_groups"("name");

-- CreateIndex
CREATE UNIQUE INDEX "sap_groups_connection_id_sap_group_id_key" ON "sap_groups"("connection_id", "sap_group_id");

-- CreateIndex
CREATE UNIQUE INDEX "sap_keys_backup_id_key" ON "sap_keys"("backup_id");

-- CreateIndex
CREATE INDEX "sap_keys_group_id_idx" ON "sap_keys"("group_id");

-- CreateIndex
CREATE INDEX "sap_keys_name_idx" ON "sap_keys"("name");

-- CreateIndex
CREATE INDEX "sap_keys_gone_created_at_idx" ON "sap_keys"("gone", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "sap_keys_connection_id_sap_key_id_key" ON "sap_keys"("connection_id", "sap_key_id");

-- CreateIndex
CREATE UNIQUE INDEX "key_backups_job_id_key" ON "key_backups"("job_id");

-- CreateIndex
CREATE INDEX "key_backups_key_id_idx" ON "key_backups"("key_id");

-- CreateIndex
CREATE UNIQUE INDEX "key_backup_versions_backup_id_version_key" ON "key_backup_versions"("backup_id", "version");

-- CreateIndex
CREATE INDEX "sap_key_jobs_created_at_id_idx" ON "sap_key_jobs"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "sap_key_jobs_state_created_at_idx" ON "sap_key_jobs"("state", "created_at" DESC);

-- CreateIndex
CREATE INDEX "sap_key_jobs_cckm_key_id_created_at_idx" ON "sap_key_jobs"("cckm_key_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "sap_key_jobs_operation_created_at_idx" ON "sap_key_jobs"("operation", "created_at" DESC);

-- CreateIndex: at most one PENDING|IN_PROGRESS job per key; the database refuses a second one.
CREATE UNIQUE INDEX "sap_key_jobs_one_active_per_key" ON "sap_key_jobs"("cckm_key_id") WHERE state IN ('PENDING', 'IN_PROGRESS');

-- CreateIndex
CREATE INDEX "sap_key_job_events_job_id_id_idx" ON "sap_key_job_events"("job_id", "id");

-- CreateIndex
CREATE INDEX "sync_jobs_created_at_idx" ON "sync_jobs"("created_at" DESC);

-- CreateIndex
CREATE INDEX "sync_jobs_connection_id_idx" ON "sync_jobs"("connection_id");

-- CreateIndex
CREATE INDEX "audit_records_created_at_idx" ON "audit_records"("created_at" DESC);

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sap_groups" ADD CONSTRAINT "sap_groups_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "sap_connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sap_keys" ADD CONSTRAINT "sap_keys_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "sap_connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sap_keys" ADD CONSTRAINT "sap_keys_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "sap_groups"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sap_keys" ADD CONSTRAINT "sap_keys_backup_id_fkey" FOREIGN KEY ("backup_id") REFERENCES "key_backups"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_backups" ADD CONSTRAINT "key_backups_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "sap_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_backups" ADD CONSTRAINT "key_backups_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "sap_key_jobs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_backup_versions" ADD CONSTRAINT "key_backup_versions_backup_id_fkey" FOREIGN KEY ("backup_id") REFERENCES "key_backups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sap_key_jobs" ADD CONSTRAINT "sap_key_jobs_cckm_key_id_fkey" FOREIGN KEY ("cckm_key_id") REFERENCES "sap_keys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sap_key_job_events" ADD CONSTRAINT "sap_key_job_events_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "sap_key_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_jobs" ADD CONSTRAINT "sync_jobs_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "sap_connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
