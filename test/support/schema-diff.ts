import pg from "pg";
import { type Dmmf, type DmmfField, type DmmfModel, partialIndexPredicates } from "./dmmf.ts";

const CLIENT_SIDE_DEFAULTS = new Set(["uuid", "cuid", "nanoid", "ulid"]);
const ON_DELETE: Record<string, string> = { Cascade: "c", Restrict: "r", SetNull: "n", NoAction: "a", SetDefault: "d" };

const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
const columnOf = (f: DmmfField) => f.dbName ?? f.name;

function expectedType(f: DmmfField, enumDbName: (name: string) => string): string {
  const native = f.nativeType?.[0];
  const base = (() => {
    if (f.kind === "enum") return enumDbName(f.type);
    switch (f.type) {
      case "String":
        return native === "Uuid" ? "uuid" : "text";
      case "Int":
        return "int4";
      case "BigInt":
        return "int8";
      case "Boolean":
        return "bool";
      case "DateTime":
        return native === "Timestamptz" ? "timestamptz" : "timestamp";
      case "Json":
        return "jsonb";
      case "Bytes":
        return "bytea";
      default:
        return `unsupported:${f.type}`;
    }
  })();
  return f.isList ? `_${base}` : base;
}

function hasDbDefault(f: DmmfField): boolean {
  if (!f.hasDefaultValue) return false;
  const d = f.default;
  if (d && typeof d === "object" && !Array.isArray(d) && "name" in d) return !CLIENT_SIDE_DEFAULTS.has(String(d.name));
  return true;
}

/** Literal words of a predicate: quoted strings and identifiers, casts and punctuation dropped. */
function predicateWords(predicate: string): string[] {
  const cleaned = predicate.replace(/::[a-z_]+(\[\])?/gi, "").toLowerCase();
  const words = cleaned.match(/'[^']*'|[a-z_][a-z0-9_]*/g) ?? [];
  const noise = new Set(["in", "any", "array", "or", "and"]);
  return [...new Set(words.filter((w) => !noise.has(w)))].sort();
}

/**
 * Every difference between schema.prisma (as Prisma's DMMF) and a migrated database: tables,
 * columns (type, nullability, whether a database default exists), enums, indexes (name,
 * columns, order, uniqueness, partial predicate) and foreign keys. Empty when they agree.
 */
export async function diffSchema(dmmf: Dmmf, schemaText: string, url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const diffs: string[] = [];
  try {
    const { models, enums, indexes } = dmmf.datamodel;
    const enumDbName = (name: string) => enums.find((e) => e.name === name)?.dbName ?? name;

    const tables = (
      await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      )
    ).rows.map((r) => r.table_name);
    const expectedTables = models.map(tableOf);
    for (const t of expectedTables) if (!tables.includes(t)) diffs.push(`table ${t}: missing in the database`);
    for (const t of tables) {
      if (t !== "_prisma_migrations" && !expectedTables.includes(t)) diffs.push(`table ${t}: not in schema.prisma`);
    }

    const columns = (
      await client.query<{
        table_name: string;
        column_name: string;
        udt_name: string;
        is_nullable: string;
        column_default: string | null;
      }>(
        `SELECT table_name, column_name, udt_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public'`,
      )
    ).rows;
    for (const model of models) {
      const table = tableOf(model);
      const scalars = model.fields.filter((f) => f.kind !== "object");
      for (const f of scalars) {
        const col = columns.find((c) => c.table_name === table && c.column_name === columnOf(f));
        const where = `column ${table}.${columnOf(f)}`;
        if (!col) {
          diffs.push(`${where}: missing in the database`);
          continue;
        }
        const type = expectedType(f, enumDbName);
        if (col.udt_name !== type) diffs.push(`${where}: type ${col.udt_name} in the database, ${type} in the schema`);
        const nullable = f.isList || !f.isRequired ? "YES" : "NO";
        if (col.is_nullable !== nullable)
          diffs.push(`${where}: nullable ${col.is_nullable} in the database, ${nullable} in the schema`);
        if (hasDbDefault(f) !== (col.column_default !== null)) {
          diffs.push(
            `${where}: default ${col.column_default ?? "none"} in the database, ${hasDbDefault(f) ? "one" : "none"} in the schema`,
          );
        }
      }
      for (const col of columns.filter((c) => c.table_name === table)) {
        if (!scalars.some((f) => columnOf(f) === col.column_name))
          diffs.push(`column ${table}.${col.column_name}: not in schema.prisma`);
      }
    }

    const dbEnums = (
      await client.query<{ typname: string; labels: string[] }>(
        `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
           FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
      )
    ).rows;
    for (const e of enums) {
      const name = e.dbName ?? e.name;
      const values = e.values.map((v) => v.dbName ?? v.name);
      const found = dbEnums.find((d) => d.typname === name);
      if (!found) diffs.push(`enum ${name}: missing in the database`);
      else if (found.labels.join(",") !== values.join(","))
        diffs.push(`enum ${name}: [${found.labels}] in the database, [${values}] in the schema`);
    }
    for (const d of dbEnums)
      if (!enums.some((e) => (e.dbName ?? e.name) === d.typname)) diffs.push(`enum ${d.typname}: not in schema.prisma`);

    const dbIndexes = (
      await client.query<{
        table: string;
        name: string;
        unique: boolean;
        columns: string[];
        desc: boolean[];
        predicate: string | null;
      }>(
        `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique,
                array_agg(a.attname::text ORDER BY k.ord) AS columns,
                array_agg((ix.indoption[k.ord - 1] & 1) = 1 ORDER BY k.ord) AS desc,
                pg_get_expr(ix.indpred, ix.indrelid) AS predicate
           FROM pg_index ix
           JOIN pg_class i ON i.oid = ix.indexrelid
           JOIN pg_class t ON t.oid = ix.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
           CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
          WHERE t.relname <> '_prisma_migrations'
          GROUP BY t.relname, i.relname, ix.indisunique, ix.indpred, ix.indrelid`,
      )
    ).rows;
    const predicates = partialIndexPredicates(schemaText);
    const expectedIndexNames: string[] = [];
    for (const idx of indexes) {
      const model = models.find((m) => m.name === idx.model);
      if (!model) continue;
      const table = tableOf(model);
      const cols = idx.fields.map((f) => columnOf(model.fields.find((mf) => mf.name === f.name) as DmmfField));
      const suffix = idx.type === "id" ? "pkey" : idx.type === "unique" ? "key" : "idx";
      const name = idx.dbName ?? (idx.type === "id" ? `${table}_pkey` : `${table}_${cols.join("_")}_${suffix}`);
      expectedIndexNames.push(name);
      const found = dbIndexes.find((d) => d.table === table && d.name === name);
      if (!found) {
        diffs.push(`index ${name} on ${table}(${cols}): missing in the database`);
        continue;
      }
      if (found.columns.join(",") !== cols.join(","))
        diffs.push(`index ${name}: columns (${found.columns}) in the database, (${cols}) in the schema`);
      const desc = idx.fields.map((f) => f.sortOrder === "desc");
      if (found.desc.join(",") !== desc.join(",")) diffs.push(`index ${name}: sort order differs`);
      if (found.unique !== (idx.type !== "normal")) diffs.push(`index ${name}: unique ${found.unique} in the database`);
      const predicate = predicates.get(name);
      if ((predicate ?? null) === null && found.predicate)
        diffs.push(`index ${name}: partial (${found.predicate}) in the database only`);
      if (predicate && !found.predicate) diffs.push(`index ${name}: partial in the schema only`);
      if (
        predicate &&
        found.predicate &&
        predicateWords(predicate).join(" ") !== predicateWords(found.predicate).join(" ")
      ) {
        diffs.push(`index ${name}: predicate ${found.predicate} in the database, ${predicate} in the schema`);
      }
    }
    for (const d of dbIndexes)
      if (!expectedIndexNames.includes(d.name)) diffs.push(`index ${d.name} on ${d.table}: not in schema.prisma`);

    const dbForeignKeys = (
      await client.query<{ table: string; name: string; columns: string[]; ref_table: string; on_delete: string }>(
        `SELECT t.relname AS table, c.conname AS name, rt.relname AS ref_table, c.confdeltype AS on_delete,
                array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) AS columns
           FROM pg_constraint c
           JOIN pg_class t ON t.oid = c.conrelid
           JOIN pg_class rt ON rt.oid = c.confrelid
          WHERE c.contype = 'f'`,
      )
    ).rows;
    const expectedFkNames: string[] = [];
    for (const model of models) {
      const table = tableOf(model);
      for (const f of model.fields.filter((x) => x.kind === "object" && (x.relationFromFields?.length ?? 0) > 0)) {
        const cols = (f.relationFromFields ?? []).map((n) =>
          columnOf(model.fields.find((mf) => mf.name === n) as DmmfField),
        );
        const target = models.find((m) => m.name === f.type) as DmmfModel;
        const name = `${table}_${cols.join("_")}_fkey`;
        expectedFkNames.push(name);
        const found = dbForeignKeys.find((d) => d.table === table && d.name === name);
        if (!found) {
          diffs.push(`foreign key ${name}: missing in the database`);
          continue;
        }
        if (found.ref_table !== tableOf(target))
          diffs.push(`foreign key ${name}: references ${found.ref_table}, schema says ${tableOf(target)}`);
        if (found.columns.join(",") !== cols.join(",")) diffs.push(`foreign key ${name}: columns differ`);
        const onDelete = ON_DELETE[f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull")];
        if (found.on_delete !== onDelete)
          diffs.push(
            `foreign key ${name}: ON DELETE ${found.on_delete} in the database, ${f.relationOnDelete} in the schema`,
          );
      }
    }
    for (const d of dbForeignKeys)
      if (!expectedFkNames.includes(d.name)) diffs.push(`foreign key ${d.name}: not in schema.prisma`);
  } finally {
    await client.end();
  }
  return diffs;
}
