-- Deleting a connection takes its groups and its synchronization history with it. Keys still
-- refuse it (ON DELETE RESTRICT): the API answers 409 while any key belongs to the connection.

-- DropForeignKey
ALTER TABLE "sap_groups" DROP CONSTRAINT "sap_groups_connection_id_fkey";

-- DropForeignKey
ALTER TABLE "sync_jobs" DROP CONSTRAINT "sync_jobs_connection_id_fkey";

-- AddForeignKey
ALTER TABLE "sap_groups" ADD CONSTRAINT "sap_groups_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "sap_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_jobs" ADD CONSTRAINT "sync_jobs_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "sap_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;
