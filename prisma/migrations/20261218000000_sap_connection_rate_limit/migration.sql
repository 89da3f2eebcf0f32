-- Issue 18: the SAP tenant rate limit of a connection (requests per second, shared by every worker);
-- null: the workers' SAP_KMS_RATE_LIMIT_PER_SECOND; 0: no limit. The API validates the range.
ALTER TABLE "sap_connections" ADD COLUMN "rate_limit_per_second" INTEGER;
