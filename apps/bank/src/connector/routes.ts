import { ProtocolError } from '@tokenos/protocol';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { signed } from '../auth/signed-request.ts';
import type { BankDeps } from '../deps.ts';
import type { BankEnv } from '../http/env.ts';
import { finishLink } from '../link/finish.ts';
import { readAccounts, readBalance, readTransactions } from './access.ts';
import { cosign } from './cosign.ts';
import { execute } from './execute.ts';

/**
 * The bank integration API (seed 000: "a thin integration layer that allows access to a bank's
 * core banking services"). Every operation but one is called by the token cloud, signed with its
 * pinned key; the bank then verifies the substance itself. /links/finish is signed by the member.
 */
export function connectorRoutes(deps: BankDeps): Hono<BankEnv> {
  const app = new Hono<BankEnv>();
  const fromCloud = signed(deps, { cloud: true });

  app.post('/cosign', fromCloud, async (c) => c.json(await cosign(deps, c.get('body'))));
  app.post('/transfers', fromCloud, async (c) => c.json(await execute(deps, c.get('body'))));
  app.post('/accounts', fromCloud, async (c) => c.json(await readAccounts(deps, c.get('body'))));
  app.post('/balances', fromCloud, async (c) => c.json(await readBalance(deps, c.get('body'))));
  app.post('/transactions', fromCloud, async (c) => c.json(await readTransactions(deps, c.get('body'))));

  // The wallet finishes a link straight from the browser: CORS for the wallet origins only.
  app.use(
    '/links/finish',
    cors({
      origin: [...deps.config.walletOrigins],
      allowMethods: ['POST'],
      allowHeaders: ['content-type', 'content-digest', 'signature', 'signature-input'],
      maxAge: 600,
    }),
  );
  app.post('/links/finish', signed(deps, { member: 'STANDARD' }), async (c) => {
    const caller = c.get('caller');
    if (caller.kind !== 'member')
      throw new ProtocolError('Forbidden', 'a link is finished by its member', { field: 'signature-input' });
    return c.json(await finishLink(deps, caller.memberId, c.get('body')));
  });
  return app;
}
