import type { Db } from "@cckm/db";
import { type Group, type SapKmsClient, SapKmsError } from "@cckm/sap-kms-client";
import { upsertGroup } from "./sync.ts";

export type AddGroupsOutcome = { outcome: "added"; groupIds: string[] } | { outcome: "missing"; missing: string[] };

/** The SAP group with this id, or undefined when SAP has none (an id SAP refuses counts as none). */
async function sapGroup(client: SapKmsClient, id: string): Promise<Group | undefined> {
  const found = await client.listGroups({ id, expandKeystore: true }).catch((error: unknown) => {
    if (error instanceof SapKmsError && (error.code === "BAD_REQUEST" || error.code === "NOT_FOUND")) return [];
    throw error;
  });
  return found.find((g) => g.id === id);
}

/**
 * Adds SAP groups (by SAP id) to the inventory without their keys: a synchronization brings those.
 * All or nothing: every id is looked up on SAP first, and none is added when one is missing.
 * Adding a group the inventory holds refreshes it. Returns the inventory ids, in the order asked.
 */
export async function addGroups(
  db: Db,
  client: SapKmsClient,
  connectionId: string,
  sapGroupIds: string[],
): Promise<AddGroupsOutcome> {
  const wanted = [...new Set(sapGroupIds)];
  const groups: Group[] = [];
  const missing: string[] = [];
  for (const id of wanted) {
    const group = await sapGroup(client, id);
    if (group) groups.push(group);
    else missing.push(id);
  }
  if (missing.length > 0) return { outcome: "missing", missing };
  const groupIds: string[] = [];
  for (const group of groups) groupIds.push((await upsertGroup(db, connectionId, group)).id);
  return { outcome: "added", groupIds };
}
