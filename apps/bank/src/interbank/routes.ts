import { ProtocolError } from '@tokenos/protocol';
import { Hono } from 'hono';
import { signed } from '../auth/signed-request.ts';
import type { BankDeps } from '../deps.ts';
import type { BankEnv } from '../http/env.ts';
import { receiveCredit } from './credit.ts';

/** Settlement between banks: called by another bank this bank settles with, signed with that bank's key. */
export function interbankRoutes(deps: BankDeps): Hono<BankEnv> {
  const app = new Hono<BankEnv>();
  app.post('/credits', signed(deps, { peerBank: true }), async (c) => {
    const caller = c.get('caller');
    if (caller.kind !== 'member')
      throw new ProtocolError('Forbidden', 'credits come from banks', { field: 'signature-input' });
    return c.json(await receiveCredit(deps, caller.member, c.get('body')));
  });
  return app;
}
