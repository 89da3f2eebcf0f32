import { type Db, Prisma } from "@cckm/db";

/**
 * A cloud's key table as the shared "gone" marking sees it: where its rows are, which column holds
 * the cloud's own id of a key (or version), and which one a synchronization stamps. Constants of a
 * provider, never input.
 */
export interface KeyTable {
  table: string;
  upstreamId: string;
  stamp: string;
}

/** The rows one listing covers (a KMS and region, a vault's compartments, a key's versions), by column. */
export type ListingScope = Record<string, { type: "uuid" | "text"; is: string | readonly string[] }>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): Prisma.Sql {
  if (!IDENTIFIER.test(name)) throw new Error(`not a column or table name: ${name}`);
  return Prisma.raw(`"${name}"`);
}

function condition(column: string, { type, is }: ListingScope[string]): Prisma.Sql {
  const cast = Prisma.raw(type);
  return typeof is === "string"
    ? Prisma.sql`${identifier(column)} = ${is}::${cast}`
    : Prisma.sql`${identifier(column)} = ANY(${[...is]}::${cast}[])`;
}

/**
 * The one "gone" marking of every cloud's synchronization: in one guarded statement, the rows of the
 * listing's scope that are not gone and whose upstream id the cloud did not list are marked gone (and
 * stamped). A row the listing named stays as it is; a second run changes nothing. Answers how many.
 */
export async function markVanished(
  db: Db,
  keys: KeyTable,
  scope: ListingScope,
  listed: readonly string[],
): Promise<number> {
  const where = Object.entries(scope).map(([column, value]) => condition(column, value));
  const stamp = identifier(keys.stamp);
  return db.$executeRaw`
    UPDATE ${identifier(keys.table)}
       SET gone = true, ${stamp} = now(), updated_at = now()
     WHERE gone = false
       AND ${Prisma.join(where, " AND ")}
       AND NOT (${identifier(keys.upstreamId)} = ANY(${[...listed]}::text[]))`;
}
