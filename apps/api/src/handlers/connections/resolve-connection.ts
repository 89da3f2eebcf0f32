import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";

/** A connection named in a request body, by id or by name; 404 when there is none. */
export async function resolveConnection(deps: AppDeps, ref: string) {
  const byId = z.uuid().safeParse(ref).success;
  const row = await deps.db.sapConnection.findUnique({ where: byId ? { id: ref } : { name: ref } });
  if (!row) throw new ApiError(404, `connection ${ref} not found`);
  return row;
}
