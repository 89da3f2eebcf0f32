-- Issue 13: `POST /cckm/sap/synchronization-jobs/{id}/cancel` sets `abort`; the worker stops between groups.
ALTER TABLE "sync_jobs" ADD COLUMN "abort" BOOLEAN NOT NULL DEFAULT false;
