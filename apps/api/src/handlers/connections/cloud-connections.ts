import type { CloudName } from "@cckm/inventory";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { KIND } from "../../http/resource.ts";
import { type PathRef, refParam } from "../../http/validate.ts";
import type { ProbeOutcome } from "./connection-probe.ts";

/**
 * One cloud's connections as the shared connection routes (get, delete, test) see them: how a
 * connection is read (as shown, and with its sealed secret for a client), shown, removed and probed,
 * how a test's outcome is recorded, and what the audit log calls each. The create, list and patch
 * bodies are the cloud's own (its credentials schema).
 */
export interface CloudConnections<View extends { id: string }, Stored extends { id: string }> {
  cloud: CloudName;
  find(deps: AppDeps, ref: PathRef): Promise<View | null>;
  findStored(deps: AppDeps, ref: PathRef): Promise<Stored | null>;
  resource(view: View): unknown;
  /** Deletes it; refuses with the inventory's CONNECTION_IN_USE while its containers depend on it. */
  remove(deps: AppDeps, view: View): Promise<void>;
  /** A signed call with the stored connection's client: the outcome, or a 400 for a refused endpoint. */
  probe(deps: AppDeps, stored: Stored): Promise<ProbeOutcome>;
  recordTest(deps: AppDeps, id: string, outcome: { ok: boolean; error: string | null }): Promise<void>;
  audit: { delete: string; test: string; resourceType: string };
}

/** A connection's `:id`: its name, id or URI, as CipherTrust's docs say. */
export function connectionRef(params: unknown): PathRef {
  return refParam(params, [KIND.connection]);
}

export const refName = (ref: PathRef) => ("id" in ref ? ref.id : ref.name);

/** The cloud's connection named by `:id` (name, id or URI), or a 404 before anything else happens. */
export async function findCloudConnectionOr404<V extends { id: string }, S extends { id: string }>(
  deps: AppDeps,
  connections: CloudConnections<V, S>,
  params: unknown,
): Promise<V> {
  const ref = connectionRef(params);
  const row = await connections.find(deps, ref);
  if (!row) throw new ApiError(404, `connection ${refName(ref)} not found`);
  return row;
}
