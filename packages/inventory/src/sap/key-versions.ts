import type { Db, Prisma } from "@cckm/db";
import type { KeyVersion } from "@cckm/sap-kms-client";

export type AddVersionOutcome =
  | { outcome: "added"; version: KeyVersion }
  | { outcome: "not_found" | "gone" | "job_active" };

/**
 * Whether a job is working on the key, asked inside the key row's lock: the jobs' question (they own
 * the jobs table), handed in by the caller (`hasActiveJob` of @cckm/jobs).
 */
export type KeyBusy = (tx: Prisma.TransactionClient, keyId: string) => Promise<boolean>;

/** How long the key row may stay locked around SAP's call (above any SAP_KMS_TIMEOUT_MS one would set). */
const ADD_VERSION_TRANSACTION_MS = 120_000;

/**
 * Adds a native version to a key on SAP (`create` makes the call) and records the key's new version
 * count and primary version. The key row is locked (`FOR UPDATE`) around the call, as job submission
 * locks it, so no delete can start while a version is being added: a delete's backup always holds
 * every version SAP has. Refused for a key that is gone from SAP or has an active job (`keyBusy`).
 * If SAP made the version but its answer is lost, the count stays behind until the next sync.
 */
export async function addNativeVersion(
  db: Db,
  keyId: string,
  create: (sapKeyId: string) => Promise<KeyVersion>,
  keyBusy: KeyBusy,
): Promise<AddVersionOutcome> {
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<Array<{ sap_key_id: string; gone: boolean }>>`
        SELECT sap_key_id, gone FROM sap_keys WHERE id = ${keyId}::uuid FOR UPDATE`;
      const key = rows[0];
      if (!key) return { outcome: "not_found" } as const;
      if (key.gone) return { outcome: "gone" } as const;
      if (await keyBusy(tx, keyId)) return { outcome: "job_active" } as const;
      const version = await create(key.sap_key_id);
      // SAP numbers versions from 0 and the new one is the last and the primary one.
      await tx.sapKey.update({
        where: { id: keyId },
        data: { totalVersions: version.version + 1, primaryVersion: version.version },
      });
      return { outcome: "added", version } as const;
    },
    { timeout: ADD_VERSION_TRANSACTION_MS },
  );
}
