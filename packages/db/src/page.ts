/** A sort direction, as CipherTrust's `sort` spells it (`-` prefix: descending). */
export type Direction = "asc" | "desc";

/** One field of a list's sort order. */
export interface SortItem<F extends string> {
  field: F;
  direction: Direction;
}

/** One page of a list: `take` rows from `skip` on, in `sort` order (the list's default when absent). */
export interface Page<F extends string> {
  skip: number;
  take: number;
  sort?: readonly SortItem<F>[] | undefined;
}

/**
 * Prisma's `orderBy` for a sort (or `fallback`, e.g. `-createdAt`), ending with `id` in the last
 * field's direction so that pages never overlap. `columns` renames the fields whose Prisma name is
 * not the list's (`last_connection_at` → `lastTestedAt`).
 */
export function orderByOf<F extends string>(
  sort: readonly SortItem<F>[] | undefined,
  fallback: `${"-" | ""}${F}`,
  columns: Partial<Record<F, string>> = {},
): Array<Record<string, Direction>> {
  const items: readonly SortItem<F>[] = sort?.length
    ? sort
    : [
        fallback.startsWith("-")
          ? { field: fallback.slice(1) as F, direction: "desc" }
          : { field: fallback as F, direction: "asc" },
      ];
  const last = items[items.length - 1]?.direction ?? "asc";
  return [...items.map((i) => ({ [columns[i.field] ?? i.field]: i.direction })), { id: last }];
}
