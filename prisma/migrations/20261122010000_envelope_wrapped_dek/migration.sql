-- Envelope encryption: each sealed value has its own data key (DEK), stored wrapped under the KEK
-- named by the row's KEK id (nonce 12 bytes ‖ encrypted DEK 32 bytes ‖ tag 16 bytes).
-- No rows exist yet in either table: nothing writes them before this migration.

-- AlterTable
ALTER TABLE "sap_connections" ADD COLUMN "secret_wrapped_dek" BYTEA NOT NULL;

-- AlterTable
ALTER TABLE "key_backup_versions" ADD COLUMN "wrapped_dek" BYTEA NOT NULL;
