import { ProtocolError } from '@tokenos/protocol';
import type { MemberTokenContext } from './context.ts';
import { descendantIds, loadChain, loadMemberToken, type MemberTokenRow } from './store.ts';
import { maySee } from './view.ts';

/**
 * Cancels a member token and, at once, every token derived from it (issue 7: "cancelling the
 * parent revokes every descendant"), in one transaction. Who may: the member it stands for, its
 * holder, or the holder of an ancestor (seed 000, "Cancel": either party, at any time). A root
 * token's backing transfer token is cancelled with it, so nothing can redeem it directly either.
 * Locks run root first, then the descendants shallowest first, as every charge locks its chain.
 */
export async function cancelMemberToken(
  ctx: MemberTokenContext,
  callerId: string,
  tokenId: string,
): Promise<MemberTokenRow[]> {
  const { deps } = ctx;
  const id = await ctx.internalId(tokenId);
  return deps.db.transaction(async (tx) => {
    const chain = await loadChain(tx, id, { forUpdate: true });
    const token = chain[chain.length - 1];
    if (!token || !maySee(chain, callerId))
      throw new ProtocolError('NotFound', `no member token ${tokenId}`, { field: 'tokenId' });
    if (chain.some((r) => r.status === 'cancelled'))
      throw new ProtocolError('Cancelled', `member token ${tokenId} is already cancelled`, {
        field: 'tokenId',
      });
    const below = await descendantIds(tx, token.id);
    for (const d of below) await loadMemberToken(tx, d, { forUpdate: true });
    const now = new Date(deps.now());
    await tx.query(
      `update member_tokens set status = 'cancelled', cancelled_by = $2, cancelled_at = $3
       where id = any($1::uuid[]) and status = 'active'`,
      [[token.id, ...below], callerId, now],
    );
    if (token.depth === 0 && token.backing_token_id !== null) {
      const status = callerId === token.owner_id ? 'revokedByPsu' : 'terminatedByTpp';
      await tx.query(
        "update tokens set status = $2, updated_at = now() where token_id = $1 and status in ('received', 'valid')",
        [token.backing_token_id, status],
      );
    }
    return loadChain(tx, id);
  });
}
