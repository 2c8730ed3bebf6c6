import {
  type AccessTokenPayload,
  type AccountResource,
  type AccountScope,
  cancellationSchema,
  type Endorsement,
  fromBase64url,
  isAccountResource,
  type LinkedAccount,
  ProtocolError,
  parseWith,
  verifyObjectSignature,
} from '@tokenos/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { signed } from '../auth/signed-request.ts';
import type { BankConnector } from '../banks/connector.ts';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { tokenIdParam } from '../tokens/params.ts';
import { liveStatus, loadToken, type TokenRow } from '../tokens/token-store.ts';

const accountRefParam = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected an opaque account reference');
const transactionsQuerySchema = z.strictObject({
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'expected the nextCursor of the previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export interface LiveGrant {
  row: TokenRow;
  payload: AccessTokenPayload;
  endorsement: Endorsement;
}

/**
 * The grant behind a read: an access token the caller is the grantee of (seed 000: "For access
 * tokens, the redeemer is the grantee"), live right now (endorsed, not cancelled or replaced, not
 * expired). Anyone else learns nothing, not even that the token exists.
 */
export async function liveGrant(deps: CloudDeps, tokenId: string, callerId: string): Promise<LiveGrant> {
  const row = await loadToken(deps.db, tokenId);
  if (row?.kind !== 'access' || row.payee !== callerId || row.payload.type !== 'AccessToken')
    throw new ProtocolError('NotFound', `no access token ${tokenId} granted to you`, { field: 'tokenId' });
  const now = deps.now();
  const status = liveStatus(row, now);
  if (status === 'expired')
    throw new ProtocolError('Expired', `access token ${tokenId} expired at ${row.expires_at.toISOString()}`, {
      field: 'tokenId',
    });
  if (status === 'revokedByPsu' || status === 'terminatedByTpp' || status === 'replaced')
    throw new ProtocolError('Cancelled', `access token ${tokenId} is ${status}`, { field: 'tokenId' });
  if (status !== 'valid' || !row.endorsement)
    throw new ProtocolError('Conflict', `access token ${tokenId} is ${status}, not valid`, {
      field: 'tokenId',
    });
  if (now < row.payload.effectiveAt)
    throw new ProtocolError(
      'NotYetValid',
      `access token ${tokenId} is valid from ${new Date(row.payload.effectiveAt).toISOString()}`,
      { field: 'tokenId' },
    );
  return { row, payload: row.payload, endorsement: row.endorsement };
}

function grantedResource(grant: LiveGrant, accountRef: string, scope: AccountScope): AccountResource {
  const matches = grant.payload.resources
    .filter(isAccountResource)
    .filter((r) => r.account.accountRef === accountRef);
  if (matches.length === 0)
    throw new ProtocolError('NotFound', `account ${accountRef} is not part of this grant`, {
      field: 'accountRef',
    });
  if (matches.length > 1)
    throw new ProtocolError('Conflict', `account reference ${accountRef} names accounts at several banks`, {
      field: 'accountRef',
    });
  const resource = matches[0]!;
  if (!resource.scopes.includes(scope))
    throw new ProtocolError(
      'Forbidden',
      `the grant allows ${resource.scopes.join(', ')} on account ${accountRef}, not ${scope}`,
      { field: 'scope' },
    );
  return resource;
}

function connectorFor(deps: CloudDeps, bankId: string): BankConnector {
  const connector = deps.banks.connectorFor(bankId);
  if (!connector) throw new ProtocolError('NotFound', `no connection to bank ${bankId}`, { field: 'bankId' });
  return connector;
}

export async function markUsed(deps: CloudDeps, tokenId: string): Promise<void> {
  await deps.db.query('update tokens set last_used_at = $2 where token_id = $1', [
    tokenId,
    new Date(deps.now()),
  ]);
}

/**
 * Account information through an access token (ARCHITECTURE.md journey 2): the grantee reads, the cloud
 * checks the grant, records the use (the grantor sees "last used"), and forwards the token and
 * its endorsement to the bank, which verifies everything again before it answers.
 */
export function accessRoutes(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();

  app.get('/:tokenId/accounts', signed(deps, { level: 'LOW' }), async (c) => {
    const grant = await liveGrant(deps, tokenIdParam(c.req.param('tokenId')), c.get('caller').memberId);
    // Addresses and profile fields of a grant are read elsewhere (personal-data/grantee-routes.ts).
    const accountResources = grant.payload.resources.filter(isAccountResource);
    if (accountResources.length === 0)
      throw new ProtocolError('NotFound', 'this grant names no account', { field: 'tokenId' });
    await markUsed(deps, grant.row.token_id);
    const granted = new Set(accountResources.map((r) => `${r.account.bankId}/${r.account.accountRef}`));
    const bankIds = [...new Set(accountResources.map((r) => r.account.bankId))];
    const request = { tokenId: grant.row.token_id, payload: grant.payload, endorsement: grant.endorsement };
    const answers = await Promise.all(
      bankIds.map(async (bankId) => ({
        bankId,
        answer: await connectorFor(deps, bankId).readAccounts(request),
      })),
    );
    // Whatever a bank answers, only accounts in the grant pass through.
    const accounts: (LinkedAccount & { bankId: string })[] = answers.flatMap(({ bankId, answer }) =>
      answer.accounts.filter((a) => granted.has(`${bankId}/${a.accountRef}`)).map((a) => ({ bankId, ...a })),
    );
    return c.json({ accounts });
  });

  app.get('/:tokenId/accounts/:accountRef/balance', signed(deps, { level: 'LOW' }), async (c) => {
    const grant = await liveGrant(deps, tokenIdParam(c.req.param('tokenId')), c.get('caller').memberId);
    const accountRef = parseWith(accountRefParam, c.req.param('accountRef'), 'accountRef');
    const resource = grantedResource(grant, accountRef, 'balances');
    await markUsed(deps, grant.row.token_id);
    const balance = await connectorFor(deps, resource.account.bankId).readBalance({
      tokenId: grant.row.token_id,
      payload: grant.payload,
      endorsement: grant.endorsement,
      accountRef,
    });
    if (balance.accountRef !== accountRef)
      throw new ProtocolError(
        'Malformed',
        `bank answered for account ${balance.accountRef}, not ${accountRef}`,
      );
    return c.json(balance);
  });

  app.get('/:tokenId/accounts/:accountRef/transactions', signed(deps, { level: 'LOW' }), async (c) => {
    const grant = await liveGrant(deps, tokenIdParam(c.req.param('tokenId')), c.get('caller').memberId);
    const accountRef = parseWith(accountRefParam, c.req.param('accountRef'), 'accountRef');
    const query = parseWith(transactionsQuerySchema, c.req.query(), 'query');
    const resource = grantedResource(grant, accountRef, 'transactions');
    await markUsed(deps, grant.row.token_id);
    const page = await connectorFor(deps, resource.account.bankId).readTransactions({
      tokenId: grant.row.token_id,
      payload: grant.payload,
      endorsement: grant.endorsement,
      accountRef,
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      ...(query.limit === undefined ? {} : { limit: query.limit }),
    });
    if (page.accountRef !== accountRef)
      throw new ProtocolError('Malformed', `bank answered for account ${page.accountRef}, not ${accountRef}`);
    return c.json(page);
  });

  // A bank asks, signed with its own key, whether a grant on its accounts is still live: it does
  // not take the cloud's forwarding of a read as proof that nobody cancelled the token.
  app.get('/:tokenId/status', signed(deps, { level: 'LOW' }), async (c) => {
    const tokenId = tokenIdParam(c.req.param('tokenId'));
    const row = await loadToken(deps.db, tokenId);
    const caller = c.get('caller').memberId;
    if (
      row?.payload.type !== 'AccessToken' ||
      !row.payload.resources.some((r) => r.type === 'account' && r.account.bankId === caller)
    )
      throw new ProtocolError('NotFound', `no access token ${tokenId} on your accounts`, {
        field: 'tokenId',
      });
    return c.json({
      tokenId,
      status: liveStatus(row, deps.now()),
      lastUsedAt: row.last_used_at?.toISOString() ?? null,
    });
  });

  // The account holder revoked the grant in the bank's online banking (UK Open Banking CEG access
  // dashboard): the bank sends a Cancellation signed with its own key, accepted only for a grant on
  // its accounts. The grant ends as the holder's own revocation (revokedByPsu) would.
  app.post('/:tokenId/bank-revocation', signed(deps, { level: 'LOW' }), async (c) => {
    const tokenId = tokenIdParam(c.req.param('tokenId'));
    const caller = c.get('caller');
    const cancellation = parseWith(cancellationSchema, c.get('body'), 'cancellation');
    if (cancellation.tokenId !== tokenId)
      throw new ProtocolError('Malformed', `cancellation is for token ${cancellation.tokenId}`, {
        field: 'tokenId',
      });
    if (cancellation.signer.memberId !== caller.memberId)
      throw new ProtocolError('Forbidden', 'a cancellation is signed by the bank sending it', {
        field: 'signer.memberId',
      });
    const key = caller.member.keys.find((k) => k.id === cancellation.signer.keyId);
    if (
      !key ||
      !(await verifyObjectSignature(cancellation, key.algorithm, fromBase64url(key.publicKey), deps.backend))
    )
      throw new ProtocolError('InvalidSignature', 'cancellation signature does not verify', {
        field: 'signature',
      });
    const row = await loadToken(deps.db, tokenId);
    if (
      row?.payload.type !== 'AccessToken' ||
      !row.payload.resources.some((r) => r.type === 'account' && r.account.bankId === caller.memberId)
    )
      throw new ProtocolError('NotFound', `no access token ${tokenId} on your accounts`, {
        field: 'tokenId',
      });
    const updated = await deps.db.maybeOne<TokenRow>(
      `update tokens set status = 'revokedByPsu', cancellation = $2::jsonb, updated_at = now()
       where token_id = $1 and status in ('received', 'valid') returning *`,
      [tokenId, JSON.stringify(cancellation)],
    );
    const now = deps.now();
    // Already ended (revoked, replaced, expired): the answer says how; asking twice changes nothing.
    return c.json({ tokenId, status: liveStatus(updated ?? row, now) });
  });

  return app;
}
