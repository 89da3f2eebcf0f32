import type { Db, Prisma } from "@cckm/db";
import type { OciVault } from "@cckm/oci-kms-client";

export const OCI_VAULT_VIEW = {
  id: true,
  connectionId: true,
  vaultOcid: true,
  displayName: true,
  compartmentId: true,
  region: true,
  vaultType: true,
  lifecycleState: true,
  managementEndpoint: true,
  timeCreated: true,
  freeformTags: true,
  definedTags: true,
  refreshedAt: true,
  createdAt: true,
  updatedAt: true,
  connection: { select: { id: true, name: true, tenancyOcid: true } },
} as const satisfies Prisma.OciVaultSelect;

export type OciVaultView = Prisma.OciVaultGetPayload<{ select: typeof OCI_VAULT_VIEW }>;

const vaultData = (vault: OciVault, region: string) => ({
  displayName: vault.displayName,
  compartmentId: vault.compartmentId,
  region,
  vaultType: vault.vaultType,
  lifecycleState: vault.lifecycleState,
  managementEndpoint: vault.managementEndpoint,
  timeCreated: new Date(vault.timeCreated),
  freeformTags: vault.freeformTags,
  definedTags: vault.definedTags as Prisma.InputJsonValue,
  refreshedAt: new Date(),
});

/**
 * Adds (or refreshes) vaults read from OCI, by vault OCID: adding one twice keeps its CM id. A vault
 * already added through another connection is moved to this one (its OCID is unique).
 */
export async function upsertOciVaults(
  db: Db,
  connectionId: string,
  region: string,
  vaults: readonly OciVault[],
): Promise<OciVaultView[]> {
  const out: OciVaultView[] = [];
  for (const vault of vaults) {
    const data = vaultData(vault, region);
    out.push(
      await db.ociVault.upsert({
        where: { vaultOcid: vault.id },
        create: { connectionId, vaultOcid: vault.id, ...data },
        update: { connectionId, ...data },
        select: OCI_VAULT_VIEW,
      }),
    );
  }
  return out;
}

export function findOciVault(db: Db, id: string): Promise<OciVaultView | null> {
  return db.ociVault.findUnique({ where: { id }, select: OCI_VAULT_VIEW });
}

export interface OciVaultFilter {
  id?: string | undefined;
  displayName?: string | undefined;
  vaultOcid?: string | undefined;
  connection?: string | undefined;
  region?: string | undefined;
}

export async function listOciVaults(
  db: Db,
  filter: OciVaultFilter,
  page: { skip: number; take: number },
): Promise<{ total: number; rows: OciVaultView[] }> {
  const where: Prisma.OciVaultWhereInput = {
    ...(filter.id ? { id: filter.id } : {}),
    ...(filter.displayName ? { displayName: filter.displayName } : {}),
    ...(filter.vaultOcid ? { vaultOcid: filter.vaultOcid } : {}),
    ...(filter.region ? { region: filter.region } : {}),
    ...(filter.connection ? { connection: { name: filter.connection } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.ociVault.count({ where }),
    db.ociVault.findMany({
      where,
      select: OCI_VAULT_VIEW,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, rows };
}

/** Removes a vault from the inventory with its keys and their versions (nothing changes on OCI). */
export async function deleteOciVault(db: Db, id: string): Promise<boolean> {
  const { count } = await db.ociVault.deleteMany({ where: { id } });
  return count === 1;
}

/** The vaults a connection has in the inventory (for a sync of them all), or the ones named. */
export function vaultsToSync(db: Db, connectionId: string, ids: readonly string[]): Promise<OciVaultView[]> {
  return db.ociVault.findMany({
    where: { connectionId, ...(ids.length > 0 ? { id: { in: [...ids] } } : {}) },
    select: OCI_VAULT_VIEW,
    orderBy: { createdAt: "asc" },
  });
}
