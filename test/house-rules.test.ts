import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// The direction of the house's dependencies (docs/architecture.md, "Packages"; issue 14): read off the
// workspaces' package.json files and held against the imports their source makes.

const ROOT = join(import.meta.dirname, "..");

interface Workspace {
  dir: string;
  name: string;
  deps: string[];
  /** Its devDependencies among ours: what its test helpers (`testing/`, `e2e/`, `test-support/`) may import. */
  devDeps: string[];
}

const workspaces: Workspace[] = ["apps", "packages"].flatMap((group) =>
  readdirSync(join(ROOT, group)).flatMap((entry) => {
    const dir = join(group, entry);
    const file = join(ROOT, dir, "package.json");
    if (!statSync(join(ROOT, dir)).isDirectory()) return [];
    const pkg = JSON.parse(readFileSync(file, "utf8")) as {
      name: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const ours = (deps: Record<string, string> = {}) => Object.keys(deps).filter((d) => d.startsWith("@cckm/"));
    return [{ dir, name: pkg.name, deps: ours(pkg.dependencies), devDeps: ours(pkg.devDependencies) }];
  }),
);
const TEST_HELPERS = /\/(testing|e2e|test-support)\//;
const byName = new Map(workspaces.map((w) => [w.name, w]));
const isApp = (name: string) => byName.get(name)?.dir.startsWith("apps/") ?? false;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ["generated", "node_modules"].includes(entry.name) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const importsOf = (source: string) =>
  [...source.matchAll(/(?:from|import)\s*\(?\s*"(@cckm\/[a-z0-9-]+)/g)].map((m) => m[1] as string);

/** The first cycle in the packages' graph, as names, or null. */
function cycle(): string[] | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (name: string): string[] | null => {
    if (state.get(name) === "done") return null;
    if (state.get(name) === "open") return [...path.slice(path.indexOf(name)), name];
    state.set(name, "open");
    path.push(name);
    for (const dep of byName.get(name)?.deps ?? []) {
      const found = visit(dep);
      if (found) return found;
    }
    path.pop();
    state.set(name, "done");
    return null;
  };
  for (const w of workspaces) {
    const found = visit(w.name);
    if (found) return found;
  }
  return null;
}

describe("the house's dependencies run one way", () => {
  it("reads the workspaces", () => {
    expect(workspaces.filter((w) => w.dir.startsWith("packages/")).length).toBeGreaterThan(10);
    expect(byName.has("@cckm/jobs") && byName.has("@cckm/api")).toBe(true);
  });

  it("no package depends on an app", () => {
    const wrong = workspaces
      .filter((w) => w.dir.startsWith("packages/"))
      .flatMap((w) => w.deps.filter(isApp).map((d) => `${w.name} -> ${d}`));
    expect(wrong).toEqual([]);
  });

  it("no two workspaces depend on each other, directly or round a longer loop", () => {
    expect(cycle()).toBeNull();
  });

  it("every workspace import in source is a declared dependency, so the graph above is the code's", () => {
    const undeclared = workspaces.flatMap((w) =>
      sourceFiles(join(ROOT, w.dir, "src")).flatMap((file) =>
        importsOf(readFileSync(file, "utf8"))
          .filter((name) => name !== w.name && !w.deps.includes(name))
          .filter((name) => !(TEST_HELPERS.test(file) && w.devDeps.includes(name)))
          .map((name) => `${relative(ROOT, file)} imports ${name}`),
      ),
    );
    expect(undeclared).toEqual([]);
  });

  it("inventory reads and writes no table of the jobs' (jobs write the facts inventory shows)", () => {
    const jobTables =
      /\b(sap_key_jobs|sap_key_job_events|key_backups|key_backup_versions)\b|\.(sapKeyJob|sapKeyJobEvent|keyBackup|keyBackupVersion)\./;
    const found = sourceFiles(join(ROOT, "packages/inventory/src"))
      .filter((file) => jobTables.test(readFileSync(file, "utf8")))
      .map((file) => relative(ROOT, file));
    expect(found).toEqual([]);
  });

  it("spells the active job states once (the CLI, an HTTP client, once for itself)", () => {
    const pair = /PENDING['"]?\s*,\s*(?:JobState\.)?['"]?IN_PROGRESS/;
    const found = ["apps", "packages", "chaos/src", "bench/src"].flatMap((dir) =>
      sourceFiles(join(ROOT, dir))
        .filter((file) => pair.test(readFileSync(file, "utf8")))
        .map((file) => relative(ROOT, file)),
    );
    expect(found.sort()).toEqual(["apps/cli/src/jobs.ts", "packages/db/src/job-states.ts"]);
  });

  it("recognises what it refuses", () => {
    expect(importsOf('import { x } from "@cckm/jobs";\nconst y = await import("@cckm/db");')).toEqual([
      "@cckm/jobs",
      "@cckm/db",
    ]);
    expect(/PENDING['"]?\s*,\s*(?:JobState\.)?['"]?IN_PROGRESS/.test("state IN ('PENDING', 'IN_PROGRESS')")).toBe(true);
  });
});
