#!/usr/bin/env node
// The `cckm` command: runs the bundled CLI (`npm run build -w @cckm/cli` writes dist/cckm.mjs).
await import("../dist/cckm.mjs");
