// Reads of the other clouds' keys: `cckm aws keys list`, `cckm oci keys list` (GET /cckm/aws|oci/keys).
import type { Command } from "commander";
import { clientOf, globalsOf } from "../context.ts";
import { addFilterFlags, queryOf, readList } from "../lists.ts";
import { type Column, printList } from "../output.ts";

interface AwsKey {
  id: string;
  region: string;
  kms: string;
  gone: boolean;
  aws_param: { KeyID: string; KeyState: string; Alias: string[] };
}

interface OciKey {
  id: string;
  region: string;
  gone: boolean;
  oci_params: { display_name: string; algorithm: string; lifecycle_state: string; vault_name: string };
}

const AWS_FILTERS = ["id", "keyid", "alias", "kms", "kms_id", "region", "enabled", "gone", "keystate", "keyusage"];
const OCI_FILTERS = ["id", "key_name", "display_name", "algorithm", "key_id", "vault_name", "vault_id", "gone"];

const awsColumns: Column<AwsKey>[] = [
  { header: "alias", value: (k) => k.aws_param.Alias.join(", ") },
  { header: "id", value: (k) => k.id },
  { header: "key id", value: (k) => k.aws_param.KeyID },
  { header: "region", value: (k) => k.region },
  { header: "state", value: (k) => k.aws_param.KeyState },
  { header: "gone", value: (k) => k.gone },
];

const ociColumns: Column<OciKey>[] = [
  { header: "name", value: (k) => k.oci_params.display_name },
  { header: "id", value: (k) => k.id },
  { header: "algorithm", value: (k) => k.oci_params.algorithm },
  { header: "vault", value: (k) => k.oci_params.vault_name },
  { header: "state", value: (k) => k.oci_params.lifecycle_state },
  { header: "gone", value: (k) => k.gone },
];

function keysList<T>(root: Command, cloud: "aws" | "oci", filters: string[], columns: Column<T>[]): void {
  const keys = root.command(cloud).description(`${cloud.toUpperCase()} keys of the inventory`).command("keys");
  const list = addFilterFlags(keys.command("list").description(`list ${cloud.toUpperCase()} keys`), filters);
  list.action(async (options: Record<string, unknown>, command: Command) => {
    const query = queryOf(options, filters);
    const envelope = await readList<T>(clientOf(command), `/cckm/${cloud}/keys`, query, options.all === true);
    printList(envelope, columns, globalsOf(command));
  });
}

export function registerClouds(root: Command): void {
  keysList<AwsKey>(root, "aws", AWS_FILTERS, awsColumns);
  keysList<OciKey>(root, "oci", OCI_FILTERS, ociColumns);
}
