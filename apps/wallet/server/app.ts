import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { problemFor, problemResponse } from '@tokenos/service-kit/problem';
import { Hono } from 'hono';
import type { BankOption } from '../src/bank-config.ts';
import { isRoutePath } from '../src/routes.ts';
import { createRelay, type RelayOptions } from './relay.ts';
import { securityHeaders } from './security-headers.ts';

export interface WalletServerOptions {
  /** The cloud the /api relay talks to, e.g. http://localhost:4000. */
  cloudUrl: string;
  /** The Vite build output (apps/wallet/dist). */
  distDir: string;
  relay?: Omit<RelayOptions, 'cloudUrl'>;
  /** Banks the user may link (published at /config.json, relayed at /banks/<id>/...). Default none. */
  banks?: readonly BankOption[];
}

/** Hashed file names never change content; everything else is revalidated on each use. */
function cacheControlFor(path: string): string {
  return /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** The last path segment has an extension: a file was asked for, not a page. */
function looksLikeFile(pathname: string): boolean {
  return /\.[^/]+$/.test(pathname);
}

/**
 * The wallet's server: security headers on every response, `/health`, the /api relay to the cloud,
 * the built PWA, and the shell for every page (404 status for paths that are no page, so the
 * client shows its not-found screen and crawlers and tests see the truth).
 */
export function createWalletServer(options: WalletServerOptions): Hono {
  const app = new Hono();
  app.use(securityHeaders());

  app.get('/health', (c) => c.json({ status: 'ok' }, 200, { 'Cache-Control': 'no-store' }));
  app.route('/api', createRelay({ cloudUrl: options.cloudUrl, ...options.relay }));

  // The page reads which banks to offer at run time, so one build serves any deployment.
  const banks = options.banks ?? [];
  app.get('/config.json', (c) =>
    c.json({ banks: banks.map(({ id, name, url }) => ({ id, name, url })) }, 200, {
      'Cache-Control': 'no-cache',
    }),
  );
  // A bank's member-signed API (finishing an account link) through this origin, so the CSP keeps
  // `connect-src 'self'`. The prefix is dropped: the bank sees the path the wallet signed.
  for (const bank of banks) {
    const prefix = `/banks/${bank.id}`;
    app.route(
      prefix,
      createRelay({
        cloudUrl: bank.url,
        stripPrefix: prefix,
        upstream: { subject: bank.name, codePrefix: 'Bank' },
        ...options.relay,
      }),
    );
  }

  app.use(
    serveStatic({
      root: options.distDir,
      onFound: (path, c) => {
        c.header('Cache-Control', cacheControlFor(path));
      },
    }),
  );

  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    if (looksLikeFile(c.req.path)) return next();
    let shell: string;
    try {
      shell = await readFile(join(options.distDir, 'index.html'), 'utf8');
    } catch {
      return problemResponse(
        c,
        problemFor('Unavailable', 'The wallet has not been built: run `npm run build -w @tokenos/wallet`.'),
      );
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(shell, isRoutePath(c.req.path) ? 200 : 404);
  });

  app.notFound((c) => problemResponse(c, problemFor('NotFound', `Nothing is served at ${c.req.path}.`)));

  app.onError((error, c) => {
    console.error(`wallet ${c.req.method} ${c.req.path}:`, error);
    return problemResponse(c, problemFor('Internal', 'The wallet server failed to answer.'));
  });

  return app;
}
