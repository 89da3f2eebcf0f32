-- Issue 13: fields CipherTrust's SAP connections and keys carry.
-- A connection's free-form `meta` and `labels`, the SAP tenant it reaches (from `user_credentials.tenant`),
-- and the error of its last connection test (`last_connection_error`).
ALTER TABLE "sap_connections" ADD COLUMN "tenant" TEXT;
ALTER TABLE "sap_connections" ADD COLUMN "meta" JSONB;
ALTER TABLE "sap_connections" ADD COLUMN "labels" JSONB;
ALTER TABLE "sap_connections" ADD COLUMN "last_test_error" TEXT;
-- A key's `keystoreContext` and `role` as SAP reports them.
ALTER TABLE "sap_keys" ADD COLUMN "keystore_context" JSONB;
ALTER TABLE "sap_keys" ADD COLUMN "role" TEXT;
