import { isUniqueViolation } from '@tokenos/db';
import {
  accessTokenPayloadSchema,
  assertSignedByMemberKey,
  cancellationSchema,
  ProtocolError,
  parseTokenPayload,
  parseWith,
  type TokenPayload,
  tokenId as tokenIdOf,
} from '@tokenos/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { signed } from '../auth/signed-request.ts';
import { BankUnavailableError } from '../banks/connector.ts';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { existingMembers } from '../members/member-store.ts';
import { cosignTransferToken } from './bank-cosign.ts';
import { checkEndorsement } from './endorse.ts';
import { tokenIdParam } from './params.ts';
import { insertToken, listTokens, liveStatus, loadToken, type TokenRow, toView } from './token-store.ts';

const listQuerySchema = z.strictObject({
  role: z.enum(['payer', 'payee', 'any']).default('any'),
  kind: z.enum(['transfer', 'access']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime().optional(),
});

function assertUsableForEndorsement(row: TokenRow, now: number): void {
  const status = liveStatus(row, now);
  if (status === 'revokedByPsu' || status === 'terminatedByTpp' || status === 'replaced')
    throw new ProtocolError('Cancelled', `token ${row.token_id} is ${status}`, { field: 'tokenId' });
  if (status === 'expired')
    throw new ProtocolError('Expired', `token ${row.token_id} expired at ${row.expires_at.toISOString()}`, {
      field: 'tokenId',
    });
  if (status !== 'received')
    throw new ProtocolError('Conflict', `token ${row.token_id} is ${status}, not awaiting endorsement`, {
      field: 'tokenId',
    });
  if (row.endorse_until && now >= row.endorse_until.getTime())
    throw new ProtocolError(
      'Expired',
      `token ${row.token_id} could be endorsed until ${row.endorse_until.toISOString()}`,
      { field: 'tokenId' },
    );
}

/** The caller is one of the parties (its member was loaded to check the request's signature); the others exist. */
async function checkParties(deps: CloudDeps, payload: TokenPayload, callerId: string): Promise<void> {
  if (payload.issuer !== callerId)
    throw new ProtocolError('Forbidden', 'issuer must be the member signing the request', {
      field: 'issuer',
    });
  if (callerId !== payload.from.memberId && callerId !== payload.to.memberId)
    throw new ProtocolError('Forbidden', 'a token is created by one of its parties', { field: 'issuer' });
  const ids = new Set([
    payload.from.memberId,
    payload.to.memberId,
    payload.type === 'TransferToken' ? payload.redeemer : payload.to.memberId,
  ]);
  if (payload.type === 'TransferToken') ids.add(payload.transfer.source.bankId);
  ids.delete(callerId);
  const existing = await existingMembers(deps.db, [...ids]);
  for (const id of ids)
    if (!existing.has(id)) throw new ProtocolError('NotFound', `no member ${id}`, { field: 'payload' });
}

/** Smart tokens: create, read, list, endorse (and bank co-sign), cancel, replace. */
export function tokenRoutes(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();

  app.post('/', signed(deps, { level: 'LOW' }), async (c) => {
    const payload = parseTokenPayload(c.get('body'));
    await checkParties(deps, payload, c.get('caller').memberId);
    const now = deps.now();
    if (payload.expiresAt <= now)
      throw new ProtocolError('Expired', 'token would be expired at creation', { field: 'expiresAt' });
    const id = tokenIdOf(payload);
    const created = await insertToken(deps.db, id, payload);
    const row = created ?? (await loadToken(deps.db, id));
    return c.json(toView(row!, now), created ? 201 : 200);
  });

  app.get('/', signed(deps, { level: 'LOW' }), async (c) => {
    const q = parseWith(listQuerySchema, c.req.query(), 'query');
    const rows = await listTokens(deps.db, c.get('caller').memberId, {
      role: q.role,
      limit: q.limit,
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.before ? { before: new Date(q.before) } : {}),
    });
    const now = deps.now();
    return c.json({ tokens: rows.map((r) => toView(r, now)) });
  });

  // Parties read their tokens; nobody else learns that a token exists.
  app.get('/:tokenId', signed(deps, { level: 'LOW' }), async (c) => {
    const row = await loadToken(deps.db, tokenIdParam(c.req.param('tokenId')));
    const me = c.get('caller').memberId;
    if (!row || (row.payer !== me && row.payee !== me && row.redeemer !== me))
      throw new ProtocolError('NotFound', `no token ${c.req.param('tokenId')}`, { field: 'tokenId' });
    return c.json(toView(row, deps.now()));
  });

  app.post('/:tokenId/endorse', signed(deps, { level: 'LOW' }), async (c) => {
    const id = tokenIdParam(c.req.param('tokenId'));
    const me = c.get('caller').memberId;
    const row = await deps.db.transaction(async (tx) => {
      const token = await loadToken(tx, id, { forUpdate: true });
      if (!token) throw new ProtocolError('NotFound', `no token ${id}`, { field: 'tokenId' });
      if (token.payer !== me)
        throw new ProtocolError('Forbidden', 'only the asset owner endorses a token', { field: 'tokenId' });
      if (token.endorsement)
        throw new ProtocolError('Conflict', `token ${id} is already endorsed`, { field: 'tokenId' });
      assertUsableForEndorsement(token, deps.now());
      const { endorsement, sca } = await checkEndorsement(deps, tx, {
        tokenId: id,
        payload: token.payload,
        input: c.get('body'),
        owner: c.get('caller').member,
      });
      // An access token is live once its owner endorsed it; a transfer token also needs the bank.
      const status = token.kind === 'access' ? 'valid' : 'received';
      try {
        return await tx.one<TokenRow>(
          'update tokens set endorsement = $2::jsonb, sca = $3, status = $4, updated_at = now() where token_id = $1 returning *',
          [id, JSON.stringify(endorsement), sca, status],
        );
      } catch (e) {
        if (isUniqueViolation(e))
          throw new ProtocolError(
            'Conflict',
            'this app already holds a live grant from you; replace it instead',
            { field: 'payload.to' },
          );
        throw e;
      }
    });
    if (row.kind === 'transfer') return c.json(toView(await cosign(deps, row), deps.now()));
    return c.json(toView(row, deps.now()));
  });

  // Retry the bank's co-signature of an endorsed transfer token (after the bank was unavailable).
  app.post('/:tokenId/cosign', signed(deps, { level: 'LOW' }), async (c) => {
    const id = tokenIdParam(c.req.param('tokenId'));
    const row = await loadToken(deps.db, id);
    if (!row || (row.payer !== c.get('caller').memberId && row.payee !== c.get('caller').memberId))
      throw new ProtocolError('NotFound', `no token ${id}`, { field: 'tokenId' });
    if (row.kind !== 'transfer' || !row.endorsement)
      throw new ProtocolError('Conflict', 'only an endorsed transfer token is co-signed by the bank');
    if (row.bank_endorsement) return c.json(toView(row, deps.now()));
    return c.json(toView(await cosign(deps, row), deps.now()));
  });

  app.post('/:tokenId/cancel', signed(deps, { level: 'LOW' }), async (c) => {
    const id = tokenIdParam(c.req.param('tokenId'));
    const caller = c.get('caller');
    const cancellation = parseWith(cancellationSchema, c.get('body'), 'cancellation');
    if (cancellation.tokenId !== id)
      throw new ProtocolError('Malformed', `cancellation is for token ${cancellation.tokenId}`, {
        field: 'tokenId',
      });
    if (cancellation.signer.memberId !== caller.memberId)
      throw new ProtocolError('Forbidden', 'a cancellation is signed by the member sending it', {
        field: 'signer.memberId',
      });
    // Any current key of the member's: cancelling only ever takes authority away (seed 000, "Cancel").
    await assertSignedByMemberKey({
      member: caller.member,
      signer: cancellation.signer,
      required: 'LOW',
      now: deps.now(),
      field: 'signer.keyId',
      signed: cancellation,
      backend: deps.backend,
      signatureField: 'signature',
    });
    const row = await loadToken(deps.db, id);
    if (!row || (row.payer !== caller.memberId && row.payee !== caller.memberId))
      throw new ProtocolError('NotFound', `no token ${id}`, { field: 'tokenId' });
    // Either party, at any time (seed 000, "Cancel"); the conditional update makes it happen once.
    const status = row.payer === caller.memberId ? 'revokedByPsu' : 'terminatedByTpp';
    const updated = await deps.db.maybeOne<TokenRow>(
      `update tokens set status = $2, cancellation = $3::jsonb, updated_at = now()
       where token_id = $1 and status in ('received', 'valid') returning *`,
      [id, status, JSON.stringify(cancellation)],
    );
    if (!updated)
      throw new ProtocolError('Cancelled', `token ${id} is already ${row.status}`, { field: 'tokenId' });
    return c.json(toView(updated, deps.now()));
  });

  // One grant per grantor/grantee pair: the new one replaces the old in one transaction.
  app.post('/:tokenId/replace', signed(deps, { level: 'STANDARD' }), async (c) => {
    const oldId = tokenIdParam(c.req.param('tokenId'));
    const me = c.get('caller').memberId;
    const body = parseWith(
      z.strictObject({ payload: z.unknown(), endorsement: z.unknown() }),
      c.get('body'),
      'replace',
    );
    const payload = parseWith(accessTokenPayloadSchema, body.payload, 'payload');
    await checkParties(deps, payload, me);
    const newId = tokenIdOf(payload);
    const now = deps.now();
    const row = await deps.db.transaction(async (tx) => {
      const old = await loadToken(tx, oldId, { forUpdate: true });
      if (!old || old.payer !== me)
        throw new ProtocolError('NotFound', `no token ${oldId}`, { field: 'tokenId' });
      if (old.kind !== 'access')
        throw new ProtocolError('Conflict', 'only access tokens are replaced', { field: 'tokenId' });
      if (liveStatus(old, now) !== 'valid')
        throw new ProtocolError('Conflict', `token ${oldId} is ${liveStatus(old, now)}, not live`, {
          field: 'tokenId',
        });
      if (payload.from.memberId !== old.payer || payload.to.memberId !== old.payee)
        throw new ProtocolError('Malformed', 'a replacement is between the same grantor and grantee', {
          field: 'payload.to',
        });
      if (!(await insertToken(tx, newId, payload, { replaces: oldId })))
        throw new ProtocolError('Conflict', `token ${newId} exists already`);
      const { endorsement, sca } = await checkEndorsement(deps, tx, {
        tokenId: newId,
        payload,
        input: body.endorsement,
        owner: c.get('caller').member,
      });
      await tx.query(
        "update tokens set status = 'replaced', replaced_by = $2, updated_at = now() where token_id = $1",
        [oldId, newId],
      );
      return tx.one<TokenRow>(
        "update tokens set status = 'valid', endorsement = $2::jsonb, sca = $3, updated_at = now() where token_id = $1 returning *",
        [newId, JSON.stringify(endorsement), sca],
      );
    });
    return c.json(toView(row, now), 201);
  });

  return app;
}

/**
 * The bank's co-signature; an unreachable bank is 503 BankUnavailable (app.ts), the token stays
 * endorsed and the payer retries with POST /cosign.
 */
async function cosign(deps: CloudDeps, row: TokenRow): Promise<TokenRow> {
  try {
    return await cosignTransferToken(deps, row);
  } catch (e) {
    if (e instanceof BankUnavailableError)
      throw new BankUnavailableError(
        e.bankId,
        e.cause,
        "the token is endorsed and awaits the bank's co-signature: retry POST /cosign",
      );
    throw e;
  }
}
