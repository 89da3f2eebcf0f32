/** An OData string literal: quoted, with quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `field eq 'value'` clauses joined by `and`; undefined values are left out; undefined when none remain. */
export function eqFilter(fields: Record<string, string | undefined>): string | undefined {
  const clauses = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([field, value]) => `${field} eq ${odataString(value)}`);
  return clauses.length === 0 ? undefined : clauses.join(" and ");
}
