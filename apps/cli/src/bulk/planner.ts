// The plan of a bulk run: which keys the filter selects, and which of them would fail.
import type { ApiClient, Query } from "../api-client.ts";
import { readList } from "../lists.ts";
import { printJson, renderTable } from "../output.ts";
import type { KeyResource } from "../resources.ts";

export interface Plan {
  operation: "delete" | "restore";
  filter: string;
  keys: KeyResource[];
  /** Not exportable: no backup can be taken, so the job FAILS unless --delete-if-backup-fails. */
  notExportable: KeyResource[];
  /** Already hold a backup (of an earlier delete): the delete takes a new one over it. */
  withBackup: KeyResource[];
  deleteIfBackupFails: boolean;
}

/** Every key the filter selects that the operation applies to (present ones to delete, backed-up gone ones to restore). */
export async function buildPlan(
  client: ApiClient,
  operation: "delete" | "restore",
  filter: string,
  query: Query,
  deleteIfBackupFails: boolean,
): Promise<Plan> {
  const scope: Query = operation === "delete" ? { gone: "false" } : { gone: "true", backup: "true" };
  const list = await readList<KeyResource>(client, "/cckm/sap/keys", { sort: "name", ...scope, ...query }, true);
  const keys = list.resources;
  return {
    operation,
    filter,
    keys,
    notExportable: operation === "delete" ? keys.filter((k) => !k.sap_param.exportable) : [],
    withBackup: operation === "delete" ? keys.filter((k) => k.backup) : [],
    deleteIfBackupFails,
  };
}

const SHOWN = 50;

/** The plan as JSON (a dry run for scripts), or as text on `to` (stdout; stderr when stdout carries JSON). */
export function printPlan(plan: Plan, json: boolean, to: NodeJS.WritableStream = process.stdout): void {
  if (json) {
    printJson({
      operation: plan.operation,
      filter: plan.filter,
      count: plan.keys.length,
      keys: plan.keys.map((k) => ({ id: k.id, name: k.name, exportable: k.sap_param.exportable, backup: k.backup })),
      not_exportable: plan.notExportable.map((k) => k.id),
      with_backup: plan.withBackup.map((k) => k.id),
      delete_if_backup_fails: plan.deleteIfBackupFails,
    });
    return;
  }
  const out = (line: string) => to.write(`${line}\n`);
  out(`Plan: ${plan.operation} ${plan.keys.length} key(s) matching ${plan.filter}`);
  const rows = plan.keys.slice(0, SHOWN).map((k) => ({
    name: k.name,
    id: k.id,
    type: k.sap_param.type,
    group: k.sap_group_name,
    note: !k.sap_param.exportable
      ? plan.deleteIfBackupFails
        ? "not exportable: deleted WITHOUT a backup"
        : "not exportable: will FAIL (no backup)"
      : k.backup
        ? "has a backup: replaced"
        : "",
  }));
  out(
    renderTable(rows, [
      { header: "name", value: (r) => r.name },
      { header: "id", value: (r) => r.id },
      { header: "type", value: (r) => r.type },
      { header: "group", value: (r) => r.group },
      { header: "note", value: (r) => r.note },
    ]),
  );
  if (plan.keys.length > SHOWN) out(`… and ${plan.keys.length - SHOWN} more (--json lists them all)`);
  if (plan.notExportable.length > 0) {
    out(
      plan.deleteIfBackupFails
        ? `${plan.notExportable.length} key(s) are not exportable: they will be deleted without a backup and cannot be restored`
        : `${plan.notExportable.length} key(s) are not exportable: their jobs will FAIL (BACKUP_FAILED) without --delete-if-backup-fails`,
    );
  }
  if (plan.withBackup.length > 0) out(`${plan.withBackup.length} key(s) already have a backup`);
  if (plan.keys.length === 0) out("nothing to do");
}
