// What a command prints: a readable table on a terminal, JSON (for jq) with --json or into a pipe.
import Table from "cli-table3";

export interface OutputOptions {
  json?: boolean;
}

/** JSON when asked, or when stdout is not a terminal. */
export function wantsJson(options: OutputOptions): boolean {
  return options.json === true || !process.stdout.isTTY;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

export function renderTable<T>(rows: T[], columns: Column<T>[]): string {
  const table = new Table({ head: columns.map((c) => c.header), style: { head: [], border: [], compact: true } });
  for (const row of rows) table.push(columns.map((c) => cell(c.value(row))));
  return table.toString();
}

/** A list: the table (and a count line), or the API's envelope as JSON. */
export function printList<T>(
  envelope: { total: number; resources: T[] },
  columns: Column<T>[],
  options: OutputOptions,
): void {
  if (wantsJson(options)) {
    printJson(envelope);
    return;
  }
  process.stdout.write(`${renderTable(envelope.resources, columns)}\n`);
  process.stdout.write(`${envelope.resources.length} shown of ${envelope.total}\n`);
}

/** One resource: field / value rows, or JSON. */
export function printResource(resource: Record<string, unknown>, options: OutputOptions): void {
  if (wantsJson(options)) {
    printJson(resource);
    return;
  }
  const table = new Table({ style: { head: [], border: [] } });
  for (const [k, v] of Object.entries(resource)) table.push({ [k]: cell(v) });
  process.stdout.write(`${table.toString()}\n`);
}

/** A line for the person at the terminal (progress, notes): stderr, so stdout stays data. */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}
