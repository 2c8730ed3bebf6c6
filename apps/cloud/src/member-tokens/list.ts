import { ProtocolError } from '@tokenos/protocol';
import type { MemberTokenContext } from './context.ts';
import { loadChain, type MemberTokenRow } from './store.ts';
import { type MemberTokenView, memberTokenView } from './view.ts';

/** At most this many tokens in one answer, newest first. */
export const memberTokenListLimit = 100;

/**
 * GET /member-tokens: the tokens that stand for the caller (issue 7, "Wallet: ... see its usage
 * against each limit"), root and derived alike, newest first, each as the member sees it.
 */
export async function listMemberTokens(
  ctx: MemberTokenContext,
  callerId: string,
  query: { limit?: string | undefined },
): Promise<{ tokens: MemberTokenView[] }> {
  let limit = memberTokenListLimit;
  if (query.limit !== undefined) {
    limit = Number(query.limit);
    if (!/^[0-9]{1,3}$/.test(query.limit) || limit < 1 || limit > memberTokenListLimit)
      throw new ProtocolError(
        'Malformed',
        `limit: expected a whole number from 1 to ${memberTokenListLimit}, got ${JSON.stringify(query.limit.slice(0, 20))}`,
        { field: 'limit' },
      );
  }
  const rows = await ctx.deps.db.query<Pick<MemberTokenRow, 'id'>>(
    'select id from member_tokens where owner_id = $1 order by created_at desc, id limit $2',
    [callerId, limit],
  );
  const tokens: MemberTokenView[] = [];
  for (const { id } of rows)
    tokens.push(await memberTokenView(ctx, await loadChain(ctx.deps.db, id), callerId));
  return { tokens };
}
