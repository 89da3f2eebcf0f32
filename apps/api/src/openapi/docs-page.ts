import { openApiDocument } from "./document.ts";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);

/** A plain, self-contained page of the document (no scripts, nothing fetched from elsewhere). */
export function docsPage(): string {
  const doc = openApiDocument();
  const rows = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const o = op as { summary: string; "x-required-right": string; requestBody?: unknown; parameters: unknown[] };
      const details = JSON.stringify({ parameters: o.parameters, requestBody: o.requestBody ?? null }, null, 2);
      return `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(o.summary)}</td><td>${escapeHtml(o["x-required-right"])}</td><td><details><summary>schema</summary><pre>${escapeHtml(details)}</pre></details></td></tr>`;
    }),
  );
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}pre{font-size:12px}</style></head>
<body><h1>${escapeHtml(doc.info.title)}</h1><p>${escapeHtml(doc.info.description)} The machine-readable document: <a href="/api/docs/openapi.json">openapi.json</a> (OpenAPI ${doc.openapi}).</p>
<table><thead><tr><th>method</th><th>path</th><th>what</th><th>right</th><th>input</th></tr></thead><tbody>${rows.join("")}</tbody></table></body></html>`;
}
