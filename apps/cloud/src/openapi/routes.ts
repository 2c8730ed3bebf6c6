import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { RouterRoute } from 'hono/types';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { documentedOperations, openApiDocument } from './document.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * /openapi.json and a readable /docs page, both from the whole app's registered routes. `routes`
 * is read on the first request, once every other route is registered; the answers are kept.
 */
export function openApiRoutes(deps: CloudDeps, routes: () => readonly RouterRoute[]): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();
  const document = once(() => openApiDocument(deps.config.publicUrl, routes()));
  const page = once(() => docsPage(routes()));
  app.get('/openapi.json', (c) => c.json(document()));
  app.get('/docs', (c) => {
    c.header(
      'content-security-policy',
      `default-src 'none'; style-src 'sha256-${styleHash}'; frame-ancestors 'none'`,
    );
    return c.html(page());
  });
  return app;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

function docsPage(routes: readonly RouterRoute[]): string {
  const operations = documentedOperations(routes).operations;
  const tags = [...new Set(operations.map((o) => o.doc.tag))];
  const sections = tags
    .map((tag) => {
      const rows = operations
        .filter((o) => o.doc.tag === tag)
        .map(
          (o) =>
            `<tr><td><code>${o.method}</code></td><td><code>${escapeHtml(o.path)}</code></td><td>${escapeHtml(o.doc.summary)}</td><td>${o.level ? `signed, ${o.level}` : o.doc.claimantSigned ? 'signed by the claimer' : 'public'}</td></tr>`,
        )
        .join('');
      return `<h2>${escapeHtml(tag)}</h2><table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Auth</th></tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Token cloud API</title><style>${style}</style></head><body><main><h1>Token cloud API</h1><p>Every mutating call is signed (RFC 9421 over method, path, query and Content-Digest, with created, nonce and keyid). Errors are RFC 9457 problem+json with a stable <code>code</code> and the <code>field</code> at fault. Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>${sections}</main></body></html>`;
}

const style =
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a2e}main{max-width:70rem;margin:0 auto;padding:1rem}table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}code{font-size:.9em}h2{margin-top:2rem}';
const styleHash = createHash('sha256').update(style).digest('base64');
