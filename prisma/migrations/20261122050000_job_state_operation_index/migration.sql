-- The job list filtered by state and operation (the seed's two filters together): its page and its
-- bounded count become index(-only) scans instead of visiting a heap page per matching row.
CREATE INDEX "sap_key_jobs_state_operation_created_at_idx" ON "sap_key_jobs"("state", "operation", "created_at" DESC);
