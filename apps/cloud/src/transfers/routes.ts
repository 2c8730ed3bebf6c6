import { ProtocolError, parseWith } from '@tokenos/protocol';
import { problemResponse } from '@tokenos/service-kit';
import { Hono } from 'hono';
import { signed } from '../auth/signed-request.ts';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { tokenIdParam } from '../tokens/params.ts';
import { loadToken } from '../tokens/token-store.ts';
import { bankRefusal } from './bank-refusal.ts';
import { executeTransfer, redeemBodySchema, reserveTransfer } from './redeem.ts';
import { type TransferRow, transferView } from './transfer-store.ts';

/**
 * Redemption of transfer tokens (seed 000, "Redeem"). 201 with ACSC when the bank settled, 200
 * with the first result for a retry, 202 with ACTC while the bank has not answered, and the
 * bank's refusal as a refusal: 422 BankRefused with its ISO 20022 reason (bank-refusal.ts).
 */
export function transferRoutes(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();

  app.post('/tokens/:tokenId/redeem', signed(deps, { level: 'LOW' }), async (c) => {
    const tokenId = tokenIdParam(c.req.param('tokenId'));
    const body = parseWith(redeemBodySchema, c.get('body'), 'redemption');
    const { row, fresh, token } = await reserveTransfer(deps, tokenId, c.get('caller').memberId, body);
    const done = await executeTransfer(deps, row, token);
    if (done.status === 'RJCT') return problemResponse(c, bankRefusal(done));
    const status = done.status === 'ACTC' || done.status === 'RCVD' ? 202 : fresh ? 201 : 200;
    return c.json(transferView(done), status);
  });

  app.get('/tokens/:tokenId/transfers', signed(deps, { level: 'LOW' }), async (c) => {
    const tokenId = tokenIdParam(c.req.param('tokenId'));
    const token = await loadToken(deps.db, tokenId);
    const me = c.get('caller').memberId;
    if (!token || (token.payer !== me && token.payee !== me && token.redeemer !== me))
      throw new ProtocolError('NotFound', `no token ${tokenId}`, { field: 'tokenId' });
    const rows = await deps.db.query<TransferRow>(
      'select * from transfers where token_id = $1 order by created_at',
      [tokenId],
    );
    return c.json({ transfers: rows.map(transferView) });
  });

  return app;
}
