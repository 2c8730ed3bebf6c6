import { isConnectionError } from '@tokenos/db';
import { idempotency, onError, problemFor, problemResponse, requireJson } from '@tokenos/service-kit';
import { Hono } from 'hono';
import { accessRoutes } from './access/routes.ts';
import { aliasRoutes } from './aliases/routes.ts';
import { BankUnavailableError } from './banks/connector.ts';
import { bankUnavailableResponse } from './banks/unavailable-response.ts';
import { checkoutRoutes, publicGetCors } from './checkout/routes.ts';
import { cloudInfoRoutes } from './cloud-info/routes.ts';
import { custodyRoutes } from './custody/routes.ts';
import type { CloudDeps } from './deps.ts';
import { directoryRoutes } from './directory/routes.ts';
import type { CloudEnv } from './http/env.ts';
import { limitersFor, limitPerAddress } from './http/rate-limit.ts';
import { wellKnownRoutes } from './member-tokens/jwks.ts';
import { memberTokenRoutes } from './member-tokens/routes.ts';
import { openApiRoutes } from './openapi/routes.ts';
import { deviceRoutes, pairingRoutes } from './pairings/routes.ts';
import { passkeyRoutes } from './passkeys/routes.ts';
import { granteePersonalDataRoutes } from './personal-data/grantee-routes.ts';
import { ephemeralPersonalDataKeys } from './personal-data/keys.ts';
import { personalDataRoutes } from './personal-data/routes.ts';
import { personalDataStore } from './personal-data/store.ts';
import { tokenRequestRoutes } from './requests/routes.ts';
import { tokenRoutes } from './tokens/routes.ts';
import { transferRoutes } from './transfers/routes.ts';

/** The token cloud's HTTP API: one sub-app per resource under /api/v1. */
export function createCloudApp(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();
  // A database or a bank that does not answer is a 503 the client may retry; nothing was decided.
  const answerError = onError({
    unavailable: (e) => (isConnectionError(e) ? 'the database is unreachable; retry shortly' : undefined),
  });
  app.onError((err, c) =>
    err instanceof BankUnavailableError ? bankUnavailableResponse(c, err) : answerError(err, c),
  );
  app.notFound((c) => problemResponse(c, problemFor('NotFound', `no route ${c.req.method} ${c.req.path}`)));

  // Every answer, JSON and the docs page alike: never sniffed into another type, never framed.
  app.use('*', async (c, next) => {
    await next();
    // On the response's own headers: c.header() after the handler copies the whole Response, which
    // sent every answer down @hono/node-server's slow path (a body stream pumped chunk by chunk).
    c.res.headers.set('x-content-type-options', 'nosniff');
    c.res.headers.set('x-frame-options', 'DENY');
  });
  const limiters = limitersFor(deps);
  if (limiters) app.use('/api/*', limitPerAddress(limiters.address));
  app.use('/api/*', requireJson());
  // Idempotency-Key on every POST (issue 16 item 2); signed routes claim the key once the
  // signature holds (auth/signed-request.ts, custody/claimant-request.ts).
  app.use('/api/*', idempotency({ db: deps.db, now: deps.now, maxBodyBytes: deps.config.maxBodyBytes }));
  app.get('/health', (c) => c.json({ ok: true }));
  app.route(
    '/',
    openApiRoutes(deps, () => app.routes),
  );
  app.route('/api/v1/members', directoryRoutes(deps));
  app.route('/api/v1/custody', custodyRoutes(deps));
  app.route('/api/v1/members/:memberId/passkeys', passkeyRoutes(deps));
  app.route('/api/v1/aliases', aliasRoutes(deps));
  app.route('/api/v1/pairings', pairingRoutes(deps));
  app.route('/api/v1/devices', deviceRoutes(deps));
  app.route('/api/v1/tokens', tokenRoutes(deps));
  app.route('/api/v1', transferRoutes(deps));
  app.use('/api/v1/token-requests/*', publicGetCors());
  app.route('/api/v1/token-requests', tokenRequestRoutes(deps));
  app.route('/api/v1/cloud', cloudInfoRoutes(deps));
  app.route('/api/v1/access', accessRoutes(deps));
  const personalData = personalDataStore(
    deps.personalDataKeys ?? ephemeralPersonalDataKeys(deps.randomBytes),
    deps.randomBytes,
  );
  app.route('/api/v1/personal-data', personalDataRoutes(deps, personalData));
  app.route('/api/v1/access', granteePersonalDataRoutes(deps, personalData));
  app.route('/api/v1/member-tokens', memberTokenRoutes(deps));
  app.route('/.well-known', wellKnownRoutes(deps));
  app.route('/checkout', checkoutRoutes());
  return app;
}
