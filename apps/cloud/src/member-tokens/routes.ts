import {
  memberTokenIdSchema,
  memberTokenVerificationSchema,
  ProtocolError,
  parseWith,
} from '@tokenos/protocol';
import { Hono } from 'hono';
import { signed } from '../auth/signed-request.ts';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { cancelMemberToken } from './cancel.ts';
import { chargeMemberToken } from './charge.ts';
import { type MemberTokenContext, memberTokenContext } from './context.ts';
import { createMemberToken } from './create.ts';
import { deriveMemberToken } from './derive.ts';
import { resolvePresentedToken } from './formats.ts';
import { type MemberTokenSettings, memberTokenSettingsFromEnv } from './keys.ts';
import { listMemberTokens } from './list.ts';
import { loadChain } from './store.ts';
import { maySee, memberTokenView } from './view.ts';

function tokenIdParam(value: string): string {
  if (!memberTokenIdSchema.safeParse(value).success)
    throw new ProtocolError(
      'Malformed',
      `tokenId: expected a member token id (32 lowercase hex digits), got ${JSON.stringify(value.slice(0, 60))}`,
      { field: 'tokenId' },
    );
  return value;
}

async function visibleChain(ctx: MemberTokenContext, tokenId: string, viewer: string) {
  const chain = await loadChain(ctx.deps.db, await ctx.internalId(tokenIdParam(tokenId)));
  // Nobody but the member and the holders learns that a token exists.
  if (!maySee(chain, viewer))
    throw new ProtocolError('NotFound', `no member token ${tokenId}`, { field: 'tokenId' });
  return chain;
}

/**
 * OpenToken member tokens (seed 001; issue 7): create (the member, STANDARD key, endorsement and
 * SCA as for any transfer token), read in both formats, verify a presented token, charge it,
 * derive sub-tokens, cancel (with every descendant). Handlers parse and call; the rules live in
 * the protocol package and the step files beside this one.
 */
export function memberTokenRoutes(
  deps: CloudDeps,
  settings: MemberTokenSettings = memberTokenSettingsFromEnv(process.env),
): Hono<CloudEnv> {
  const ctx = memberTokenContext(deps, settings);
  const app = new Hono<CloudEnv>();

  app.post('/', signed(deps, { level: 'STANDARD' }), async (c) => {
    const me = c.get('caller').memberId;
    const { row, created } = await createMemberToken(ctx, me, c.get('body'));
    return c.json(await memberTokenView(ctx, await loadChain(deps.db, row.id), me), created ? 201 : 200);
  });

  app.get('/', signed(deps, { level: 'LOW' }), async (c) =>
    c.json(await listMemberTokens(ctx, c.get('caller').memberId, { limit: c.req.query('limit') })),
  );

  app.post('/verify', signed(deps, { level: 'LOW' }), async (c) => {
    const me = c.get('caller').memberId;
    const { token } = parseWith(memberTokenVerificationSchema, c.get('body'), 'verification');
    const presented = await resolvePresentedToken(ctx, token);
    const chain = await loadChain(deps.db, presented.row.id);
    if (!maySee(chain, me))
      throw new ProtocolError(
        'Forbidden',
        'only the member and the holders of this token or its parents verify it',
        {
          field: 'token',
        },
      );
    return c.json({ format: presented.format, ...(await memberTokenView(ctx, chain, me)) });
  });

  app.post('/charge', signed(deps, { level: 'LOW' }), async (c) => {
    const { view, fresh } = await chargeMemberToken(ctx, c.get('caller').memberId, c.get('body'));
    const status = view.status === 'ACTC' || view.status === 'RCVD' ? 202 : fresh ? 201 : 200;
    return c.json(view, status);
  });

  app.get('/:tokenId', signed(deps, { level: 'LOW' }), async (c) => {
    const me = c.get('caller').memberId;
    return c.json(await memberTokenView(ctx, await visibleChain(ctx, c.req.param('tokenId'), me), me));
  });

  // Handing a payment capability to another merchant: a STANDARD key, as for endorsing.
  app.post('/:tokenId/derive', signed(deps, { level: 'STANDARD' }), async (c) => {
    const me = c.get('caller').memberId;
    const chain = await deriveMemberToken(ctx, me, tokenIdParam(c.req.param('tokenId')), c.get('body'));
    return c.json(await memberTokenView(ctx, chain, me), 201);
  });

  app.post('/:tokenId/cancel', signed(deps, { level: 'LOW' }), async (c) => {
    const me = c.get('caller').memberId;
    const chain = await cancelMemberToken(ctx, me, tokenIdParam(c.req.param('tokenId')));
    return c.json(await memberTokenView(ctx, chain, me));
  });

  return app;
}
