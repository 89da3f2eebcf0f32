import { JOB_STATES } from "@cckm/jobs";
import { z } from "zod";
import { listQuery } from "../../http/list.ts";
import { queryBoolean } from "../../http/query-types.ts";

/** The query of `GET /cckm/sap/keys/jobs`: its filters, and `watch` for the event stream of the same jobs. */
export const query = listQuery(
  {
    state: z.enum(JOB_STATES).optional(),
    operation: z.enum(["delete", "restore"]).optional(),
    cckm_key_id: z.uuid().optional(),
    watch: queryBoolean.optional().meta({
      description: "true (with Accept: text/event-stream): stream the jobs' state changes as server-sent events",
    }),
  },
  ["createdAt", "updatedAt"] as const,
);
