import { isUniqueViolation } from '@tokenos/db';
import {
  assertReturnOnRequesterDomain,
  assertSignedByMemberKey,
  hashIdSchema,
  memberTokenIdSchema,
  objectId,
  ProtocolError,
  parseWith,
  signObject,
  type TokenRequest,
  type TokenRequestResult,
  tokenIdSchema,
  tokenRequestSchema,
  tokenRequestSignerLevel,
} from '@tokenos/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { isVerifiedDomain } from '../aliases/domain-check.ts';
import { signed } from '../auth/signed-request.ts';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { memberTokenContext } from '../member-tokens/context.ts';
import { type MemberTokenSettings, memberTokenSettingsFromEnv } from '../member-tokens/keys.ts';
import { shippingAnswer } from '../personal-data/shipping-answer.ts';
import { liveStatus, loadToken } from '../tokens/token-store.ts';
import { assertTokenAnswers } from './answer.ts';
import { answerWaiters, maxWaitSeconds } from './answer-waiters.ts';
import { memberTokenAnswer } from './member-token-answer.ts';
import { qrSvg } from './qr-svg.ts';

interface RequestRow {
  request_id: string;
  requester: string;
  request: TokenRequest;
  domain_verified: boolean;
  expires_at: Date;
  result: TokenRequestResult | null;
  created_at: Date;
}

function requestIdParam(value: string): string {
  if (!hashIdSchema.safeParse(value).success)
    throw new ProtocolError('Malformed', 'requestId: expected a 43-character base64url id', {
      field: 'requestId',
    });
  return value;
}

/** `?wait=` on GET .../result: how many seconds to hold the call for an answer (long polling). */
const waitQuerySchema = z.coerce.number().int().min(0).max(maxWaitSeconds);

/** The widget's per-checkout nonce, as the wallet accepts it (protocol walletMessageSchema). */
const nonceSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

function queryParam<T>(schema: z.ZodType<T>, value: string | undefined, field: string, expected: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ProtocolError('Malformed', `${field}: expected ${expected}`, { field });
  return parsed.data;
}

const answerSchema = z.union([
  /** accessTokenId: the shipping-address grant made with a payment that asked for one (issue 9). */
  z.strictObject({ tokenId: tokenIdSchema, accessTokenId: tokenIdSchema.nullable().optional() }),
  z.strictObject({ memberTokenId: memberTokenIdSchema }),
  z.strictObject({ declined: z.literal(true) }),
]);

/** What the wallet lists of its own answers: for now, the requests its member declined. */
const answeredQuerySchema = z.strictObject({
  outcome: z.literal('declined'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * The link a phone opens to approve a desktop checkout: the wallet's approval page with the
 * desktop's request and nonce (packages/checkout handoff.ts builds the same), marked as a handoff
 * so the wallet shows the confirmation code.
 */
export function phoneApprovalUrl(walletOrigin: string, requestId: string, nonce: string): string {
  return `${walletOrigin}/approve?request=${encodeURIComponent(requestId)}&nonce=${encodeURIComponent(nonce)}&handoff=1`;
}

/**
 * Token requests: a merchant or AISP posts a signed request; the wallet reads it; the user's token
 * answers it; the cloud signs the result (request id, token id, state), which is all the browser
 * carries back to the requester.
 */
export function tokenRequestRoutes(
  deps: CloudDeps,
  memberTokenSettings: MemberTokenSettings = memberTokenSettingsFromEnv(process.env),
): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();
  const memberTokens = memberTokenContext(deps, memberTokenSettings);
  const waiters = answerWaiters();

  app.post('/', signed(deps, { level: tokenRequestSignerLevel }), async (c) => {
    const request = parseWith(tokenRequestSchema, c.get('body'), 'token request');
    // The user comes back only to the domain the wallet shows them (issue 13 item 6).
    assertReturnOnRequesterDomain(request, { allowLocalHttp: deps.config.localhostDomains });
    const caller = c.get('caller');
    if (request.signer.memberId !== caller.memberId)
      throw new ProtocolError('Forbidden', 'a request is signed by its requester', {
        field: 'signer.memberId',
      });
    const now = deps.now();
    // The key that signed the request object, which need not be the one that signed the HTTP call.
    await assertSignedByMemberKey({
      member: caller.member,
      signer: request.signer,
      required: tokenRequestSignerLevel,
      now,
      field: 'signer.keyId',
      signed: request,
      backend: deps.backend,
      signatureField: 'signature',
    });
    if (request.expiresAt <= now)
      throw new ProtocolError('Expired', 'the request is already expired', { field: 'expiresAt' });
    const id = objectId(request);
    const domainVerified = await isVerifiedDomain(deps, caller.memberId, request.requester.domain);
    try {
      await deps.db.query(
        'insert into token_requests (request_id, requester, request, domain_verified, expires_at) values ($1, $2, $3::jsonb, $4, $5)',
        [id, caller.memberId, JSON.stringify(request), domainVerified, new Date(request.expiresAt)],
      );
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ProtocolError('Conflict', `request ${id} exists already`, { field: 'nonce' });
      throw e;
    }
    return c.json({ id, request, domainVerified }, 201);
  });

  // The requests the caller declined, newest first (Activity shows them; issue 14). Only the
  // member who answered reads them: the request names a shop and an amount the user turned down.
  app.get('/', signed(deps, { level: 'LOW' }), async (c) => {
    const q = parseWith(answeredQuerySchema, c.req.query(), 'query');
    const rows = await deps.db.query<{ request_id: string; request: TokenRequest; answered_at: Date }>(
      `select request_id, request, answered_at from token_requests
        where answered_by = $1 and result->>'outcome' = $2
        order by answered_at desc limit $3`,
      [c.get('caller').memberId, q.outcome, q.limit],
    );
    return c.json({
      requests: rows.map((r) => ({
        id: r.request_id,
        request: r.request,
        outcome: q.outcome,
        answeredAt: r.answered_at.getTime(),
      })),
    });
  });

  // The request id is an unguessable hash handed to the wallet: reading needs no key.
  app.get('/:requestId', async (c) => {
    const id = requestIdParam(c.req.param('requestId'));
    const row = await deps.db.maybeOne<RequestRow>('select * from token_requests where request_id = $1', [
      id,
    ]);
    if (!row) throw new ProtocolError('NotFound', `no request ${id}`, { field: 'requestId' });
    const expired = row.expires_at.getTime() <= deps.now();
    return c.json({
      id,
      request: row.request,
      domainVerified: row.domain_verified,
      status: row.result ? row.result.outcome : expired ? 'expired' : 'pending',
    });
  });

  // The requester (or its widget: cut-off popup, redirect, phone) polls for the signed result.
  // With `?wait=<s>` the call is held until the answer is stored or the wait ends (204, nothing
  // yet), so a checkout approved on another device learns it within a second.
  app.get('/:requestId/result', async (c) => {
    const id = requestIdParam(c.req.param('requestId'));
    const wait = c.req.query('wait');
    const seconds =
      wait === undefined
        ? 0
        : queryParam(waitQuerySchema, wait, 'wait', `whole seconds, 0 to ${maxWaitSeconds}`);
    const row = await deps.db.maybeOne<RequestRow>('select * from token_requests where request_id = $1', [
      id,
    ]);
    if (!row) throw new ProtocolError('NotFound', `no request ${id}`, { field: 'requestId' });
    let result = row.result;
    if (!result && wait !== undefined && row.expires_at.getTime() > deps.now()) {
      const answered = async (): Promise<boolean> => {
        const now = await deps.db.maybeOne<Pick<RequestRow, 'result'>>(
          'select result from token_requests where request_id = $1',
          [id],
        );
        result = now?.result ?? null;
        return result !== null;
      };
      if (!(await waiters.wait(id, seconds * 1000, answered, c.req.raw.signal)))
        return c.body(null, 204, { 'Cache-Control': 'no-store' });
    }
    if (!result)
      throw new ProtocolError('NotFound', `request ${id} has no answer yet`, { field: 'requestId' });
    return c.json(result);
  });

  // "Use my phone": the QR code of the wallet's approval link for this request and the desktop
  // checkout's nonce, so the widget needs no QR encoder of its own. Only to a wallet this cloud serves.
  app.get('/:requestId/qr', async (c) => {
    const id = requestIdParam(c.req.param('requestId'));
    const nonce = queryParam(nonceSchema, c.req.query('nonce'), 'nonce', '16 to 64 base64url characters');
    const wallet = c.req.query('wallet') ?? deps.config.walletOrigins[0];
    if (wallet === undefined || !deps.config.walletOrigins.includes(wallet))
      throw new ProtocolError('Malformed', 'wallet: expected the origin of a wallet this service serves', {
        field: 'wallet',
      });
    const row = await deps.db.maybeOne<{ request_id: string }>(
      'select request_id from token_requests where request_id = $1',
      [id],
    );
    if (!row) throw new ProtocolError('NotFound', `no request ${id}`, { field: 'requestId' });
    return c.body(qrSvg(phoneApprovalUrl(wallet, id, nonce)), 200, {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'",
      // Shown in an <img> on the merchant's page, like the widget's script is loaded there.
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  });

  app.post('/:requestId/result', signed(deps, { level: 'LOW' }), async (c) => {
    const id = requestIdParam(c.req.param('requestId'));
    const answer = parseWith(answerSchema, c.get('body'), 'answer');
    const me = c.get('caller').memberId;
    const row = await deps.db.maybeOne<RequestRow>('select * from token_requests where request_id = $1', [
      id,
    ]);
    if (!row) throw new ProtocolError('NotFound', `no request ${id}`, { field: 'requestId' });
    const now = deps.now();
    if (row.result)
      throw new ProtocolError('Conflict', `request ${id} was already answered`, { field: 'requestId' });
    if (row.expires_at.getTime() <= now)
      throw new ProtocolError('Expired', `request ${id} expired`, { field: 'requestId' });
    let tokenId: string | null = null;
    let accessTokenId: string | null | undefined;
    let memberTokenId: string | undefined;
    if ('memberTokenId' in answer) {
      ({ tokenId, memberTokenId } = await memberTokenAnswer(
        memberTokens,
        me,
        row.request,
        id,
        answer.memberTokenId,
      ));
    } else if ('tokenId' in answer) {
      const token = await loadToken(deps.db, answer.tokenId);
      if (!token || token.payer !== me)
        throw new ProtocolError('NotFound', `no token ${answer.tokenId}`, { field: 'tokenId' });
      if (liveStatus(token, now) !== 'valid')
        throw new ProtocolError(
          'Conflict',
          `token ${answer.tokenId} is ${liveStatus(token, now)}, not valid`,
          { field: 'tokenId' },
        );
      assertTokenAnswers(row.request, id, token.payload);
      tokenId = token.token_id;
      accessTokenId = await shippingAnswer(deps.db, {
        me,
        request: row.request,
        requestId: id,
        accessTokenId: answer.accessTokenId,
        now,
      });
    }
    const result = await signObject(
      {
        type: 'TokenRequestResult' as const,
        version: 1 as const,
        requestId: id,
        outcome: tokenId ? ('approved' as const) : ('declined' as const),
        tokenId,
        ...(memberTokenId ? { memberTokenId } : {}),
        ...(accessTokenId === undefined ? {} : { accessTokenId }),
        state: row.request.state,
        createdAt: now,
        keyId: deps.cloudKey.keyId,
      },
      deps.cloudKey.signer,
    );
    // First answer wins, across instances.
    const stored = await deps.db.maybeOne(
      'update token_requests set result = $2::jsonb, answered_by = $3, answered_at = now() where request_id = $1 and result is null returning request_id',
      [id, JSON.stringify(result), me],
    );
    if (!stored)
      throw new ProtocolError('Conflict', `request ${id} was already answered`, { field: 'requestId' });
    waiters.answered(id);
    return c.json(result, 201);
  });

  return app;
}
