// The results file of a bulk run: every key → its job → the job's final state. Rewritten whole and
// atomically (a temporary file renamed over it) after changes, so an interrupted run leaves a
// usable file that `--resume` continues without submitting any key twice.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { usage } from "../errors.ts";

export interface ResultEntry {
  key_id: string;
  name: string;
  sap_key_id: string;
  /** The key's job once submitted (or found: adopted); null until then. */
  job_id: string | null;
  state: string | null;
  outcome: "pending" | "submitted" | "adopted" | "refused" | "error";
  error_code?: string;
  error?: string;
}

export interface Results {
  version: 1;
  operation: "delete" | "restore";
  url: string;
  filter: string | null;
  delete_if_backup_fails: boolean;
  /** When the first run began: a key's job created since then is this run's (see resume). */
  started_at: string;
  updated_at: string;
  keys: ResultEntry[];
}

export function loadResults(path: string): Results {
  if (!existsSync(path)) throw usage(`--resume: ${path} does not exist`);
  let parsed: Results;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8")) as Results;
  } catch {
    throw usage(`--resume: ${path} is not a results file (not JSON)`);
  }
  if (parsed?.version !== 1 || !Array.isArray(parsed.keys) || !parsed.operation || !parsed.started_at) {
    throw usage(`--resume: ${path} is not a cckm results file`);
  }
  return parsed;
}

/** Writes the results at most every `everyMs` while they change, and at once on flush (or exit). */
export class ResultsWriter {
  private timer: NodeJS.Timeout | null = null;
  private readonly onExit = () => this.flush();

  constructor(
    readonly path: string,
    private readonly results: Results,
    private readonly everyMs = 200,
  ) {
    process.on("exit", this.onExit);
  }

  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.everyMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.results.updated_at = new Date().toISOString();
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.results, null, 2)}\n`);
    renameSync(temporary, this.path);
  }

  close(): void {
    this.flush();
    process.off("exit", this.onExit);
  }
}
