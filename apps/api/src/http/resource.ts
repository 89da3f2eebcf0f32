import { z } from "zod";

export const ACCOUNT = "kylo:kylo:admin:accounts:kylo";

/**
 * The `uri` kinds every cloud shares, spelled as CipherTrust spells them; a cloud's own (its keys,
 * its containers, its key jobs) are its provider's (`@cckm/inventory`: `sapProvider.keys.uriKind`…). Keys and
 * connections carry a slug of their name before the id (`kylo:kylo:cckm:sap-key:<name-slug>-<uuid>`);
 * the others the id alone.
 */
export const KIND = {
  sync: "cckm:synchronize",
  connection: "connectionmgmt:connections",
} as const;

/** A name as CipherTrust puts it in a `uri`: lower case, every run of other characters one `-`. */
export function nameSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** `kylo:kylo:<kind>:<id>`, or `kylo:kylo:<kind>:<name-slug>-<id>` when a name is given (and slugs to something). */
export function resourceUri(kind: string, id: string, name?: string): string {
  const slug = name === undefined ? "" : nameSlug(name);
  return `kylo:kylo:${kind}:${slug ? `${slug}-` : ""}${id}`;
}

/** The fields every CipherTrust resource carries, as the answers' schemas spell them (OpenAPI). */
export const resourceBaseShape = {
  id: z.string(),
  uri: z.string(),
  account: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

/**
 * The fields every CipherTrust resource carries. `kind` is e.g. `cckm:sap_job` or `usermgmt:users`
 * (see KIND); `slugOf` is the name that goes into the `uri` for the kinds that carry one.
 */
export function resourceBase(kind: string, row: { id: string; createdAt: Date; updatedAt?: Date }, slugOf?: string) {
  return {
    id: row.id,
    uri: resourceUri(kind, row.id, slugOf),
    account: ACCOUNT,
    createdAt: row.createdAt.toISOString(),
    updatedAt: (row.updatedAt ?? row.createdAt).toISOString(),
  };
}
