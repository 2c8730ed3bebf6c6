import { memberTokenJwk } from '@tokenos/protocol';
import { Hono } from 'hono';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';

/**
 * /.well-known/jwks.json (RFC 8615 well-known location, RFC 7517 §5 JWK Set): the key member-token
 * JWTs are signed with, so any standard JWT library verifies them by `kid`.
 */
export function wellKnownRoutes(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();
  app.get('/jwks.json', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json({ keys: [memberTokenJwk(deps.cloudKey.keyId, deps.cloudKey.publicKey)] });
  });
  return app;
}
