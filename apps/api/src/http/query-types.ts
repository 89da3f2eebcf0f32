import { z } from "zod";

/** `true` / `false` in a query string. */
export const queryBoolean = z.enum(["true", "false"]).transform((v) => v === "true");

/** An integer in a query string. */
export const queryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A resource id in a query string: a UUID (anything else could match nothing and is refused). */
export const queryUuid = z.uuid({ message: "must be a UUID" });

/** A free-text filter value. */
export const queryText = (max = 256) => z.string().max(max);

/** An ISO 8601 date-time (`createdBefore=2024-01-31T00:00:00Z`), as a Date. */
export const queryDate = z
  .string()
  .max(64)
  .refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO 8601 date-time")
  .transform((v) => new Date(v));

/** CipherTrust's `cloud_name` of SAP resources (`sap`, any case; `sap-dc` of earlier versions). */
export { isSapCloudName } from "@cckm/inventory";

/** A reference that is an id when it is a UUID, else a name (`connection=<name or id>`). */
export function idOrName(value: string): { id: string } | { name: string } {
  return z.uuid().safeParse(value).success ? { id: value } : { name: value };
}
