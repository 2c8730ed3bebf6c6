import { ProtocolError } from '@tokenos/protocol';
import { type Context, Hono } from 'hono';
import { signed } from '../auth/signed-request.ts';
import type { BankDeps } from '../deps.ts';
import type { BankEnv } from '../http/env.ts';
import { acceptDeliveredLog } from './deliver-log.ts';
import { listOwnAccounts, ownTransactions } from './own-accounts.ts';

function callerId(c: Context<BankEnv>): string {
  const caller = c.get('caller');
  if (caller.kind !== 'member')
    throw new ProtocolError('Forbidden', 'these are a member’s own reads, signed by that member', {
      field: 'signature-input',
    });
  return caller.memberId;
}

/**
 * A member's reads of its own linked accounts, signed by the member (RFC 9421, a LOW key is
 * enough: reading is not authorising). The wallet calls them through its /banks/<id> relay, so no
 * CORS. Answers are personal: never cached.
 */
export function meRoutes(deps: BankDeps): Hono<BankEnv> {
  const app = new Hono<BankEnv>();
  const byMember = signed(deps, { member: 'LOW' });

  app.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  app.get('/accounts', byMember, async (c) => c.json(await listOwnAccounts(deps, callerId(c))));
  app.get('/accounts/:accountRef/transactions', byMember, async (c) =>
    c.json(
      await ownTransactions(deps, callerId(c), {
        ...c.req.query(),
        accountRef: c.req.param('accountRef'),
      }),
    ),
  );
  // Signed by a key in the log delivered, not one the cloud serves (deliver-log.ts).
  app.post('/log', async (c) => c.json(await acceptDeliveredLog(deps, c.req.raw)));
  return app;
}
