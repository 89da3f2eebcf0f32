import { findOciSyncJob, type OciSyncJobView } from "@cckm/inventory";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";

export async function findOciSyncJobOr404(deps: AppDeps, id: string): Promise<OciSyncJobView> {
  const row = await findOciSyncJob(deps.db, id);
  if (!row) throw new ApiError(404, `synchronization job ${id} not found`);
  return row;
}
