// `npx tsx bench/src/chart-cli.ts bench/results/<run>.json`: (re)draws a run's chart next to its JSON
// (`<run>.svg`), as the bench does at the end of each run.
import { readFile, writeFile } from "node:fs/promises";
import { renderChart } from "./chart.ts";

const input = process.argv[2];
if (!input?.endsWith(".json")) {
  process.stderr.write("usage: chart-cli.ts <results.json>\n");
  process.exit(2);
}
const output = input.replace(/\.json$/, ".svg");
await writeFile(output, await renderChart(JSON.parse(await readFile(input, "utf8"))));
process.stdout.write(`${output}\n`);
