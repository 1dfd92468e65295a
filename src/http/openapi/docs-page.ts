/**
 * /api/docs: the OpenAPI document rendered as one static HTML page on the server (no script, no
 * CDN, so it works under helmet's Content-Security-Policy and offline).
 */
import type { Operation } from './builder';
import type { OpenApiDocument } from './document';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function params(op: Operation): string {
  const list = (op.parameters ?? []) as { name: string; in: string; required?: boolean; description?: string; schema?: Record<string, unknown> }[];
  if (!list.length) return '';
  const rows = list
    .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : ''}</td><td>${esc(schemaText(p.schema))}</td><td>${esc(p.description)}</td></tr>`)
    .join('');
  return `<table><tr><th>parameter</th><th>in</th><th>required</th><th>type</th><th>notes</th></tr>${rows}</table>`;
}

function schemaText(s: Record<string, unknown> | undefined): string {
  if (!s) return '';
  if (Array.isArray(s.enum)) return s.enum.join(' | ');
  return [s.type, s.format].filter(Boolean).join(' ');
}

function body(op: Operation): string {
  const schema = (op.requestBody as { content?: Record<string, { schema: unknown }> } | undefined)?.content?.['application/json']?.schema;
  return schema ? `<details><summary>request body</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>` : '';
}

export function renderDocsPage(doc: OpenApiDocument): string {
  const sections = Object.entries(doc.paths)
    .flatMap(([path, item]) =>
      Object.entries(item).map(
        ([method, op]) => `<section id="${esc(method + path)}">
  <h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
  <p>${esc(op.summary)}</p>${op.description ? `<p class="d">${esc(op.description)}</p>` : ''}
  ${params(op)}${body(op)}
  <p class="r">Responses: ${Object.keys(op.responses).map((s) => `<code>${esc(s)}</code>`).join(' ')}</p>
</section>`,
      ),
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc((doc.info as { title: string }).title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
section{border-top:1px solid #ddd;padding:.5rem 0}
.m{display:inline-block;min-width:4.5em;font-size:.8em;padding:.1em .4em;border-radius:3px;color:#fff;background:#555;text-align:center}
.get{background:#2b7a3d}.post{background:#1f5fa8}.patch{background:#a86b1f}.delete{background:#a82b2b}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}
pre{background:#f6f6f6;padding:.5em;overflow:auto}.d,.r{color:#555}
</style></head><body>
<h1>${esc((doc.info as { title: string }).title)} <small>${esc((doc.info as { version: string }).version)}</small></h1>
<p>${esc((doc.info as { description: string }).description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${esc(doc.openapi)}).</p>
${sections}
</body></html>`;
}
