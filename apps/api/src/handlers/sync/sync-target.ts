import { findGroupByRef, type StoredConnection, someStoredConnections } from "@cckm/inventory";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { resolveConnection } from "../connections/resolve-connection.ts";

type Connection = StoredConnection;

/** With no connection named, the only one there is; otherwise the request must name it. */
async function onlyConnection(deps: AppDeps, why: string): Promise<Connection> {
  const all = await someStoredConnections(deps.db, 2);
  if (all.length === 1 && all[0]) return all[0];
  throw new ApiError(400, all.length === 0 ? "there is no connection to synchronize" : `connection: ${why}`);
}

/**
 * What a sync request names: its connection and the groups to look up in SAP. Groups are named as
 * CipherTrust documents ("resource ID or groupID of the SAP group") or by name. A group of the
 * inventory is sent to the worker as its SAP id; one the inventory does not know yet is passed as
 * written (the worker looks it up in SAP by name, then by id). Without `connection`, the groups'
 * connection is the sync's: groups of several connections are a 400 (one sync per connection).
 */
export async function syncTarget(
  deps: AppDeps,
  input: { connection?: string | null | undefined; groups?: string[] | null | undefined },
): Promise<{ connection: Connection; groups: string[] }> {
  const named = input.connection ? await resolveConnection(deps, input.connection) : undefined;
  if (!input.groups) {
    return { connection: named ?? (await onlyConnection(deps, "several connections exist: name one")), groups: [] };
  }
  const found = await Promise.all(input.groups.map((ref) => findGroupByRef(deps.db, ref, named?.id)));
  const groups = input.groups.map((ref, i) => found[i]?.sapGroupId ?? ref);
  if (named) return { connection: named, groups };
  const connections = new Map(found.flatMap((g) => (g ? [[g.connection.id, g.connection] as const] : [])));
  if (connections.size > 1) {
    const names = [...connections.values()].map((c) => c.name).join(", ");
    throw new ApiError(
      400,
      `body.groups: the groups belong to several connections (${names}); one sync per connection`,
    );
  }
  const [connection] = connections.values();
  if (connection) return { connection, groups };
  const unknown = input.groups.join(", ");
  return {
    connection: await onlyConnection(
      deps,
      `no group of the inventory is named ${unknown}; name the connection to look them up in SAP`,
    ),
    groups,
  };
}
