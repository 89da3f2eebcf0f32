export const ACCOUNT = "kylo:kylo:admin:accounts:kylo";

/** The fields every CipherTrust resource carries. `kind` is e.g. `cckm:sap_job` or `usermgmt:users`. */
export function resourceBase(kind: string, row: { id: string; createdAt: Date; updatedAt?: Date }) {
  return {
    id: row.id,
    uri: `kylo:kylo:${kind}:${row.id}`,
    account: ACCOUNT,
    createdAt: row.createdAt.toISOString(),
    updatedAt: (row.updatedAt ?? row.createdAt).toISOString(),
  };
}
