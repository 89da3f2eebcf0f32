import type { OciSyncJobView } from "@cckm/inventory";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../../http/resource.ts";
import { iso, OCI_KIND } from "../oci-kinds.ts";

export const ociSyncResourceSchema = z.object({
  ...resourceBaseShape,
  connection: z.string(),
  connection_id: z.string(),
  synchronize_all: z.boolean(),
  vaults: z.array(z.string()),
  compartments: z.array(z.string()).meta({ description: "ours" }),
  overall_status: z.string().meta({ examples: ["in_progress", "completed", "failed"] }),
  details: z.unknown(),
  error: z.string().nullable(),
  abort: z.boolean(),
  creator_id: z.string(),
  creator_name: z.string(),
  completed_at: z.iso.datetime().nullable(),
});

export type OciSyncResource = z.output<typeof ociSyncResourceSchema>;

export function ociSyncResource(row: OciSyncJobView): OciSyncResource {
  return {
    ...resourceBase(OCI_KIND.sync, row),
    connection: row.connection.name,
    connection_id: row.connectionId,
    synchronize_all: row.synchronizeAll,
    vaults: row.vaults,
    compartments: row.compartments,
    overall_status: row.overallStatus,
    details: row.details,
    error: row.error,
    abort: row.abort,
    creator_id: row.creatorId,
    creator_name: row.creatorName,
    completed_at: iso(row.completedAt),
  };
}
