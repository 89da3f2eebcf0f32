#!/usr/bin/env node
// The `cckm` command: runs the bundled CLI (dist/cckm.mjs, written by `npm run generate` — which
// `npm start` and `npm test` run — or `npm run build -w @cckm/cli`).
import { existsSync } from "node:fs";

const bundle = new URL("../dist/cckm.mjs", import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("cckm is not built yet: run `npm run generate` (or `npm run build -w @cckm/cli`) in the repo\n");
  process.exit(2);
}
await import(bundle.href);
