-- Issue 16: OCI connections, vaults, keys, key versions and synchronization jobs; local keys (BYOK source).

CREATE TABLE "oci_connections" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "tenancy_ocid" TEXT NOT NULL,
    "user_ocid" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "endpoint" TEXT,
    "secret_ciphertext" BYTEA NOT NULL,
    "secret_nonce" BYTEA NOT NULL,
    "secret_tag" BYTEA NOT NULL,
    "secret_wrapped_dek" BYTEA NOT NULL,
    "secret_kek_id" TEXT NOT NULL,
    "last_tested_at" TIMESTAMPTZ(6),
    "last_test_ok" BOOLEAN,
    "last_test_error" TEXT,
    "meta" JSONB,
    "labels" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "oci_connections_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "oci_vaults" (
    "id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "vault_ocid" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "compartment_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "vault_type" TEXT NOT NULL,
    "lifecycle_state" TEXT NOT NULL,
    "management_endpoint" TEXT NOT NULL,
    "time_created" TIMESTAMPTZ(6),
    "freeform_tags" JSONB NOT NULL DEFAULT '{}',
    "defined_tags" JSONB NOT NULL DEFAULT '{}',
    "refreshed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "oci_vaults_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "oci_keys" (
    "id" UUID NOT NULL,
    "vault_id" UUID NOT NULL,
    "key_ocid" TEXT NOT NULL,
    "compartment_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "lifecycle_state" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "curve_id" TEXT,
    "protection_mode" TEXT,
    "current_key_version" TEXT,
    "is_primary" BOOLEAN NOT NULL DEFAULT true,
    "freeform_tags" JSONB NOT NULL DEFAULT '{}',
    "defined_tags" JSONB NOT NULL DEFAULT '{}',
    "time_created" TIMESTAMPTZ(6),
    "time_of_deletion" TIMESTAMPTZ(6),
    "key_material_origin" TEXT NOT NULL DEFAULT 'native',
    "gone" BOOLEAN NOT NULL DEFAULT false,
    "refreshed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "oci_keys_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "oci_key_versions" (
    "id" UUID NOT NULL,
    "key_id" UUID NOT NULL,
    "version_ocid" TEXT NOT NULL,
    "compartment_id" TEXT NOT NULL,
    "vault_ocid" TEXT NOT NULL,
    "lifecycle_state" TEXT,
    "origin" TEXT,
    "is_primary" BOOLEAN NOT NULL DEFAULT false,
    "public_key" TEXT,
    "time_created" TIMESTAMPTZ(6),
    "time_of_deletion" TIMESTAMPTZ(6),
    "key_material_origin" TEXT NOT NULL DEFAULT 'native',
    "gone" BOOLEAN NOT NULL DEFAULT false,
    "refreshed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "oci_key_versions_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "oci_sync_jobs" (
    "id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "synchronize_all" BOOLEAN NOT NULL DEFAULT false,
    "vaults" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "compartments" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "overall_status" "sync_status" NOT NULL DEFAULT 'in_progress',
    "details" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "abort" BOOLEAN NOT NULL DEFAULT false,
    "creator_id" TEXT NOT NULL,
    "creator_name" TEXT NOT NULL,
    "completed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "oci_sync_jobs_pkey" PRIMARY KEY ("id")
);

-- The local key source of BYOK uploads (`/vault/keys2`): material sealed under the keyring.
CREATE TABLE "local_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "material_ciphertext" BYTEA NOT NULL,
    "material_nonce" BYTEA NOT NULL,
    "material_tag" BYTEA NOT NULL,
    "material_wrapped_dek" BYTEA NOT NULL,
    "material_kek_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "local_keys_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "local_keys_name_key" ON "local_keys"("name");
CREATE UNIQUE INDEX "oci_connections_name_key" ON "oci_connections"("name");
CREATE UNIQUE INDEX "oci_vaults_vault_ocid_key" ON "oci_vaults"("vault_ocid");
CREATE INDEX "oci_vaults_connection_id_idx" ON "oci_vaults"("connection_id");
CREATE UNIQUE INDEX "oci_keys_key_ocid_key" ON "oci_keys"("key_ocid");
CREATE INDEX "oci_keys_vault_id_idx" ON "oci_keys"("vault_id");
CREATE INDEX "oci_keys_created_at_idx" ON "oci_keys"("created_at" DESC);
CREATE UNIQUE INDEX "oci_key_versions_version_ocid_key" ON "oci_key_versions"("version_ocid");
CREATE INDEX "oci_key_versions_key_id_idx" ON "oci_key_versions"("key_id");
CREATE INDEX "oci_sync_jobs_created_at_idx" ON "oci_sync_jobs"("created_at" DESC);
-- At most one running synchronization per OCI connection; the database refuses a second one.
CREATE UNIQUE INDEX "oci_sync_jobs_one_running_per_connection" ON "oci_sync_jobs"("connection_id") WHERE overall_status = 'in_progress';

ALTER TABLE "oci_vaults" ADD CONSTRAINT "oci_vaults_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "oci_connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "oci_keys" ADD CONSTRAINT "oci_keys_vault_id_fkey" FOREIGN KEY ("vault_id") REFERENCES "oci_vaults"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "oci_key_versions" ADD CONSTRAINT "oci_key_versions_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "oci_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "oci_sync_jobs" ADD CONSTRAINT "oci_sync_jobs_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "oci_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;
