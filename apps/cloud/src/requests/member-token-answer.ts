import { assertMemberTokenAnswers, ProtocolError, type TokenRequest } from '@tokenos/protocol';
import type { MemberTokenContext } from '../member-tokens/context.ts';
import { loadChain } from '../member-tokens/store.ts';
import { memberTokenStatus } from '../member-tokens/view.ts';
import { loadToken } from '../tokens/token-store.ts';

/**
 * Issue 7, a member-token request answered: the caller's own, active root token, held by the
 * requester, with exactly the requested limitations and the request id bound into its spec
 * (protocol member-tokens/token-request.ts). Returns the ids the signed result carries: the
 * backing transfer token (what the member endorsed) and the member token.
 */
export async function memberTokenAnswer(
  ctx: MemberTokenContext,
  callerId: string,
  request: TokenRequest,
  requestId: string,
  memberTokenId: string,
): Promise<{ tokenId: string; memberTokenId: string }> {
  const body = request.body;
  if (body.kind !== 'memberToken')
    throw new ProtocolError(
      'Conflict',
      `request ${requestId} asks for a ${body.kind} token, not a member token`,
      {
        field: 'memberTokenId',
      },
    );
  const notFound = () =>
    new ProtocolError('NotFound', `no member token ${memberTokenId}`, { field: 'memberTokenId' });
  // The id was schema-checked (32 hex digits): any such id decrypts, most to no stored token.
  const chain = await loadChain(ctx.deps.db, await ctx.internalId(memberTokenId));
  const row = chain[chain.length - 1];
  // Someone else's token does not exist, as far as this caller can tell.
  if (!row || row.owner_id !== callerId) throw notFound();
  const status = await memberTokenStatus(ctx, chain, ctx.deps.now());
  if (status !== 'active')
    throw new ProtocolError('Conflict', `member token ${memberTokenId} is ${status}, not active`, {
      field: 'memberTokenId',
    });
  // A token with no payment authorization behind it (a bare loyalty id) pays for nothing.
  const backingId = row.backing_token_id;
  const backing = backingId === null ? undefined : await loadToken(ctx.deps.db, backingId);
  if (backingId === null || backing?.payload.type !== 'TransferToken')
    throw new ProtocolError('Conflict', `member token ${memberTokenId} authorizes no payments`, {
      field: 'memberTokenId',
    });
  assertMemberTokenAnswers(body, request.signer.memberId, requestId, {
    holder: row.holder_id,
    depth: row.depth,
    entityType: row.entity_type,
    loyalty: row.loyalty,
    limitations: row.limitations,
    metadata: row.metadata,
    entitlementCount: row.entitlements.length,
    description: backing.payload.transfer.description,
  });
  return { tokenId: backingId, memberTokenId };
}
