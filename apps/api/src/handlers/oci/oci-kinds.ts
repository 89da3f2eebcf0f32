import { ociProvider } from "@cckm/inventory";
import type { Request } from "express";
import { z } from "zod";
import { ALL } from "../../http/list.ts";
import { KIND } from "../../http/resource.ts";

/** The `uri` kinds of the OCI resources, as CipherTrust spells them (its own from its provider). */
export const OCI_KIND = {
  connection: KIND.connection,
  vault: ociProvider.containers.uriKind,
  key: ociProvider.keys.uriKind,
  version: "cckm:oci-key-version",
  sync: KIND.sync,
} as const;

export const OCI_CLOUD_NAME = ociProvider.cloud;

/** OCI's OCIDs as the request bodies name them (`ocid1.<type>.…`). */
export const ocid = (type: string) =>
  z
    .string()
    .max(255)
    .regex(new RegExp(`^ocid1\\.${type}\\.[a-z0-9._-]+$`, "i"), `must be an OCID (ocid1.${type}....)`);

export const ociRegion = z
  .string()
  .max(64)
  .regex(/^[a-z]+-[a-z]+-\d+$/, "must be a region id such as us-ashburn-1");

/** Free text a path or body names a resource by: no control characters (Postgres refuses NUL). */
export const refText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
    .regex(/^[^\u0000-\u001f\u007f]+$/, "must not contain control characters");

/** The page a list reads: `limit=-1` reads them all. */
export const pageOf = (q: { skip: number; limit: number }) => ({
  skip: q.skip,
  take: q.limit === ALL ? 1_000_000 : q.limit,
});

/** The principal of an authenticated request. */
export const principalOf = (req: Request) => req.principal as NonNullable<Request["principal"]>;

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export { iso };
