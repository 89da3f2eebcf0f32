// A key named on the command line: by its resource id (a UUID), its name, or SAP's key id.
import type { ApiClient } from "./api-client.ts";
import { usage } from "./errors.ts";
import type { Envelope } from "./lists.ts";
import type { KeyResource } from "./resources.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one key with this field's value; null when none; an error when several. */
async function only(client: ApiClient, ref: string, field: "name" | "sap_key_id"): Promise<KeyResource | null> {
  const list = await client.get<Envelope<KeyResource>>("/cckm/sap/keys", { [field]: ref, limit: 2 });
  if (list.resources.length > 1) throw usage(`key "${ref}": several keys have this ${field}; name one by its id`);
  return list.resources[0] ?? null;
}

export async function resolveKey(client: ApiClient, ref: string): Promise<KeyResource> {
  if (!ref.trim()) throw usage("a key must be named (its id, name or SAP key id)");
  if (UUID.test(ref)) {
    const direct = await client.call("GET", `/cckm/sap/keys/${ref}`, { accept: [404] });
    if (direct.status === 200) return direct.body as KeyResource;
  } else {
    const named = await only(client, ref, "name");
    if (named) return named;
  }
  const bySapId = await only(client, ref, "sap_key_id");
  if (bySapId) return bySapId;
  throw usage(`key "${ref}": no such key (by id, name or SAP key id)`);
}
