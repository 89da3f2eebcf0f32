import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MigrationError } from "./errors.ts";

export interface MigrationFile {
  /** Folder name, e.g. 20261122000000_init: the order and the identity of a migration. */
  name: string;
  sql: string;
  /** sha256 (hex) of migration.sql, as Prisma records it in _prisma_migrations.checksum. */
  checksum: string;
}

const MIGRATION_FOLDER = /^\d{14}_[A-Za-z0-9_]+$/;

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/** Finds prisma/migrations above the working directory or above this module. */
export function findMigrationsDir(): string {
  const starts = [process.cwd(), dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, "prisma", "migrations");
      if (existsSync(join(candidate, "migration_lock.toml"))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new MigrationError("MIGRATIONS_DIR_NOT_FOUND", "prisma/migrations not found above the working directory");
}

/** The migrations on disk, in the order they apply. */
export async function readMigrations(dir: string = findMigrationsDir()): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && MIGRATION_FOLDER.test(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}
