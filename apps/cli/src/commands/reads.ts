// Reads: `cckm sap keys list|get`, `groups list`, `connections list`, `jobs list|get`.
import type { Command } from "commander";
import { clientOf, globalsOf } from "../context.ts";
import { resolveKey } from "../key-ref.ts";
import { addFilterFlags, type Envelope, queryOf, readList } from "../lists.ts";
import { type Column, printList, printResource } from "../output.ts";
import { type JobResource, jobColumns, KEY_FILTERS, type KeyResource, keyColumns } from "../resources.ts";

interface Named {
  id: string;
  name: string;
  createdAt?: string;
}

const GROUP_FILTERS = ["id", "name", "connection", "cloud_name", "group_id", "application", "tenant"] as const;
const CONNECTION_FILTERS = ["id", "name", "products"] as const;
const JOB_FILTERS = ["state", "operation", "cckm_key_id"] as const;

const groupColumns: Column<Named & { connection?: string; key_count?: number }>[] = [
  { header: "name", value: (g) => g.name },
  { header: "id", value: (g) => g.id },
  { header: "connection", value: (g) => g.connection },
  { header: "created", value: (g) => g.createdAt },
];
const connectionColumns: Column<Named & { url?: string; api_endpoint?: string }>[] = [
  { header: "name", value: (c) => c.name },
  { header: "id", value: (c) => c.id },
  { header: "endpoint", value: (c) => c.api_endpoint ?? c.url },
  { header: "created", value: (c) => c.createdAt },
];

function listCommand<T>(
  parent: Command,
  description: string,
  path: string,
  filters: readonly string[],
  columns: Column<T>[],
) {
  const list = addFilterFlags(parent.command("list").description(description), filters);
  list.action(async (options: Record<string, unknown>, command: Command) => {
    const client = clientOf(command);
    const envelope = await readList<T>(client, path, queryOf(options, filters), options.all === true);
    printList(envelope, columns, globalsOf(command));
  });
}

export function registerReads(sap: Command): void {
  const keys = sap.command("keys").description("SAP keys of the inventory");
  listCommand<KeyResource>(keys, "list keys (the API's filters as flags)", "/cckm/sap/keys", KEY_FILTERS, keyColumns);
  keys
    .command("get")
    .description("one key, by id, name or SAP key id")
    .argument("<key>")
    .action(async (ref: string, _options: unknown, command: Command) => {
      const key = await resolveKey(clientOf(command), ref);
      printResource(key as unknown as Record<string, unknown>, globalsOf(command));
    });

  const groups = sap.command("groups").description("SAP groups of the inventory");
  listCommand(groups, "list groups", "/cckm/sap/groups", GROUP_FILTERS, groupColumns);

  const connections = sap.command("connections").description("SAP Data Custodian connections");
  listCommand(
    connections,
    "list connections",
    "/connectionmgmt/services/sap-dc/connections",
    CONNECTION_FILTERS,
    connectionColumns,
  );

  const jobs = sap.command("jobs").description("key delete and restore jobs");
  listCommand<JobResource>(jobs, "list jobs, newest first", "/cckm/sap/keys/jobs", JOB_FILTERS, jobColumns);
  jobs
    .command("get")
    .description("one job")
    .argument("<id>")
    .action(async (id: string, _options: unknown, command: Command) => {
      const job = await clientOf(command).get<JobResource>(`/cckm/sap/keys/jobs/${encodeURIComponent(id)}`);
      printResource(job as unknown as Record<string, unknown>, globalsOf(command));
    });
}

export type { Envelope };
