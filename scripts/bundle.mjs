#!/usr/bin/env node
// `node scripts/bundle.mjs <entry.ts> <out.mjs>`, run from a workspace folder: bundles the entry
// and our own @cckm/* workspace packages into one ESM file; npm dependencies stay external and
// are loaded from node_modules at run time. Used by `npm run build` and the Dockerfile.
import { build } from "esbuild";

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error("usage: bundle.mjs <entry.ts> <out.mjs>");
  process.exit(2);
}

const externalNpmPackages = {
  name: "external-npm-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@cckm/") || args.path.startsWith("node:")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  plugins: [externalNpmPackages],
});
