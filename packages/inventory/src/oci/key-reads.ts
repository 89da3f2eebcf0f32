import type { Db, Page, Prisma } from "@cckm/db";
import { orderByOf } from "@cckm/db";
import { OCI_KEY_VIEW, type OciKeyView } from "./keys.ts";

/** The documented filters of `GET /cckm/oci/keys` this service serves. */
export interface OciKeyFilter {
  id?: string | undefined;
  keyName?: string | undefined;
  algorithm?: string | undefined;
  length?: number | undefined;
  keyId?: string | undefined;
  vaultName?: string | undefined;
  /** The CM vault id (`cckm_vault_id`; `vault_id` when it is one). */
  vaultId?: string | undefined;
  /** The vault's OCID (`vault_id`, "ID of the OCI vault"). */
  vaultOcid?: string | undefined;
  protectionMode?: string | undefined;
  lifecycleState?: string | undefined;
  tenancy?: string | undefined;
  curveId?: string | undefined;
  gone?: boolean | undefined;
  region?: string | undefined;
  keyMaterialOrigin?: string | undefined;
  /**
   * Filters CipherTrust documents over what this service does not hold: no key here has a scheduler
   * (rotation) job, is HYOK (no local HYOK key, version or key store) or is blocked. A value asked for
   * matches none; `blocked=false` matches all.
   */
  jobConfigId?: string | undefined;
  hyokRef?: string | undefined;
  blocked?: boolean | undefined;
}

export type OciKeySortField = "createdAt" | "updatedAt";

function whereOf(f: OciKeyFilter): Prisma.OciKeyWhereInput {
  const vault: Prisma.OciVaultWhereInput = {
    ...(f.vaultName ? { displayName: f.vaultName } : {}),
    ...(f.region ? { region: f.region } : {}),
    ...(f.tenancy ? { connection: { tenancyOcid: f.tenancy } } : {}),
    ...(f.vaultOcid ? { vaultOcid: f.vaultOcid } : {}),
  };
  const none = Boolean(f.jobConfigId || f.hyokRef || f.blocked === true);
  return {
    ...(f.id ? { id: f.id } : {}),
    ...(f.keyName ? { displayName: f.keyName } : {}),
    ...(f.algorithm ? { algorithm: f.algorithm } : {}),
    ...(f.length !== undefined ? { length: f.length } : {}),
    ...(f.keyId ? { keyOcid: f.keyId } : {}),
    ...(f.vaultId ? { vaultId: f.vaultId } : {}),
    ...(f.protectionMode ? { protectionMode: f.protectionMode } : {}),
    ...(f.lifecycleState ? { lifecycleState: f.lifecycleState } : {}),
    ...(f.curveId ? { curveId: f.curveId } : {}),
    ...(f.gone !== undefined ? { gone: f.gone } : {}),
    ...(f.keyMaterialOrigin ? { keyMaterialOrigin: f.keyMaterialOrigin } : {}),
    ...(Object.keys(vault).length > 0 ? { vault } : {}),
    ...(none ? { id: { in: [] } } : {}),
  };
}

export async function listOciKeys(
  db: Db,
  filter: OciKeyFilter,
  page: Page<OciKeySortField>,
): Promise<{ total: number; rows: OciKeyView[] }> {
  const where = whereOf(filter);
  const [total, rows] = await Promise.all([
    db.ociKey.count({ where }),
    db.ociKey.findMany({
      where,
      select: OCI_KEY_VIEW,
      orderBy: orderByOf(page.sort, "-createdAt") as Prisma.OciKeyOrderByWithRelationInput[],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, rows };
}

export function findOciKey(db: Db, id: string): Promise<OciKeyView | null> {
  return db.ociKey.findUnique({ where: { id }, select: OCI_KEY_VIEW });
}

/** The connection (sealed) a key is reached through: what an action's client is made of. */
export async function findOciKeyConnection(db: Db, keyId: string) {
  const row = await db.ociKey.findUnique({
    where: { id: keyId },
    select: { vault: { select: { connection: true } } },
  });
  return row?.vault.connection ?? null;
}
