/**
 * CipherTrust's `cloud_name` of SAP resources is `sap` (the docs also print `SAP`); matched without
 * case. Earlier versions of this service said `sap-dc`, which still matches.
 */
export function isSapCloudName(value: string): boolean {
  return ["sap", "sap-dc"].includes(value.toLowerCase());
}

/** Any UUID's spelling (what a uuid column accepts), to tell an id from a name. */
export const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A filter value that matches no row (a value nothing we hold can have). */
export const NOTHING = { id: { in: [] as string[] } };
