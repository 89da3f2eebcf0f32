// A key named on the command line: by its resource id or name (the API finds either), else by SAP's key id.
import type { ApiClient } from "./api-client.ts";
import { usage } from "./errors.ts";
import type { Envelope } from "./lists.ts";
import type { KeyResource } from "./resources.ts";

export async function resolveKey(client: ApiClient, ref: string): Promise<KeyResource> {
  if (!ref.trim()) throw usage("a key must be named (its id, SAP key id or name)");
  const direct = await client.call("GET", `/cckm/sap/keys/${encodeURIComponent(ref)}`, { accept: [404, 409] });
  if (direct.status === 200) return direct.body as KeyResource;
  if (direct.status === 409) throw usage(`key "${ref}": more than one key has this name; name it by id`);
  const bySap = await client.get<Envelope<KeyResource>>("/cckm/sap/keys", { sap_key_id: ref, limit: 2 });
  if (bySap.resources.length === 1 && bySap.resources[0]) return bySap.resources[0];
  if (bySap.resources.length > 1) throw usage(`key "${ref}": several keys have this SAP key id; name one by id`);
  throw usage(`key "${ref}": no such key (by id, name or SAP key id)`);
}
