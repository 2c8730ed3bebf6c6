import { onError, problemFor, problemResponse, requireJson } from '@tokenos/service-kit';
import { Hono } from 'hono';
import { connectorRoutes } from './connector/routes.ts';
import type { BankDeps } from './deps.ts';
import type { BankEnv } from './http/env.ts';
import { unavailableDetail } from './http/problem.ts';
import { interbankRoutes } from './interbank/routes.ts';
import { stylesheet } from './link/pages.ts';
import { linkRoutes } from './link/routes.ts';
import { meRoutes } from './me/routes.ts';
import { onlineRoutes } from './online/routes.ts';

/**
 * A demo bank's HTTP service: the connector API for the cloud, settlement with other banks, the
 * consent page, and online banking for its customers.
 */
export function createBankApp(deps: BankDeps): Hono<BankEnv> {
  const app = new Hono<BankEnv>();
  // The cloud keys pinned at start are the only claim authorities this bank accepts (custody.ts).
  deps.cloud.pinClaimAuthorities(deps.cloudKeys);
  app.onError(onError({ unavailable: unavailableDetail }));
  app.notFound((c) => problemResponse(c, problemFor('NotFound', `no route ${c.req.method} ${c.req.path}`)));

  app.get('/health', (c) => c.json({ ok: true }));
  // Who this bank is in the directory: the cloud's bank registry and other banks read it.
  app.get('/.well-known/tokenos-bank', (c) =>
    c.json({ memberId: deps.member.id, name: deps.config.name, bankCode: deps.config.bankCode }),
  );
  app.get('/static/bank.css', (c) =>
    c.body(stylesheet, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  // The JSON APIs take JSON only (415 otherwise); /link is the consent page's HTML form posts.
  app.use('/connector/v1/*', requireJson());
  app.use('/interbank/v1/*', requireJson());
  app.route('/connector/v1', connectorRoutes(deps));
  app.route('/interbank/v1', interbankRoutes(deps));
  app.route('/link', linkRoutes(deps));
  app.route('/me', meRoutes(deps));
  // Online banking at the bank's own address: the customer's accounts and "Apps with access".
  app.route('/', onlineRoutes(deps));
  return app;
}
