import { base64url } from '@tokenos/protocol';
import { Hono } from 'hono';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';

/**
 * The cloud's own public keys. Banks fetch and pin them at start, then accept connector calls only
 * when signed (RFC 9421) under `keyid="cloud:<keyId>"` by one of these keys.
 */
export function cloudInfoRoutes(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();
  app.get('/keys', (c) =>
    c.json({
      keys: [
        {
          keyId: deps.cloudKey.keyId,
          algorithm: deps.cloudKey.signer.algorithm,
          publicKey: base64url(deps.cloudKey.publicKey),
        },
      ],
    }),
  );
  return app;
}
