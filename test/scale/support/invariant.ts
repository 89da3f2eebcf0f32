import { createKeyring } from "@cckm/crypto";
import { createPool } from "@cckm/db";
import { checkInvariant, type InvariantReport } from "@cckm/invariant";
import { SapClients } from "@cckm/inventory";
import type { TestStack } from "../../support/stack-processes.ts";

/** npm run verify's check over the stack's database and simulator: no key lost, no backup missing. */
export async function invariantOf(stack: TestStack): Promise<InvariantReport> {
  const pool = createPool(stack.db.url, { max: 2 });
  try {
    const keyring = createKeyring({ id: stack.env.BACKUP_KEK_ID as string, base64: stack.env.BACKUP_KEK as string });
    const clients = new SapClients(keyring, { timeoutMs: 5000, allowPrivateEndpoints: true });
    const sapClient = (c: Parameters<SapClients["for"]>[0]) => clients.for(c);
    return await checkInvariant({ db: pool, keyring, sapClient });
  } finally {
    await pool.end();
  }
}
