import { findSyncJob, type SyncJobView } from "@cckm/inventory";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";

/** The synchronization job of that id, or a 404. */
export async function findSyncJobOr404(deps: AppDeps, id: string): Promise<SyncJobView> {
  const row = await findSyncJob(deps.db, id);
  if (!row) throw new ApiError(404, `synchronization job ${id} not found`);
  return row;
}
