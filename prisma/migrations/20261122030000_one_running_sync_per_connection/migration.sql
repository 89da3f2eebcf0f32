-- CreateIndex: at most one running synchronization per connection; the database refuses a second one.
CREATE UNIQUE INDEX "sync_jobs_one_running_per_connection" ON "sync_jobs"("connection_id") WHERE overall_status = 'in_progress';
