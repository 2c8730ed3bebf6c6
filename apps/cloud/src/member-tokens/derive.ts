import {
  assertDerivationAllowed,
  emptyUsage,
  memberTokenDerivationSchema,
  ProtocolError,
  parseWith,
  usageToJson,
} from '@tokenos/protocol';
import { loadMember } from '../members/member-store.ts';
import { liveStatus, loadToken } from '../tokens/token-store.ts';
import type { MemberTokenContext } from './context.ts';
import { insertMemberToken, loadChain, type MemberTokenRow } from './store.ts';
import { newInternalId } from './token-id.ts';
import { maySee } from './view.ts';

/** Deep enough for a marketplace's sub-merchants' sub-merchants; bounds every chain a charge locks. */
export const MAX_MEMBER_TOKEN_DEPTH = 8;

/**
 * Seed 001, "Sub Member Token": the holder of a member token derives one for a sub-merchant. The
 * child's limitations must be at least as strict as the parent's in every dimension (narrows,
 * the one engine), it pays the same merchant of record, and it sees only the entitlements the
 * deriver passes on. The parent's chain is locked (root first) while the child is written, so a
 * cancellation cannot slip in between the check and the insert. Returns the child's chain.
 */
export async function deriveMemberToken(
  ctx: MemberTokenContext,
  callerId: string,
  parentTokenId: string,
  input: unknown,
): Promise<MemberTokenRow[]> {
  const { deps } = ctx;
  const body = parseWith(memberTokenDerivationSchema, input, 'derivation');
  const parentId = await ctx.internalId(parentTokenId);
  if (body.holder === callerId)
    throw new ProtocolError('Malformed', 'holder: a sub-token is for another merchant than its deriver', {
      field: 'holder',
    });
  if (!(await loadMember(deps.db, body.holder)))
    throw new ProtocolError('NotFound', `no member ${body.holder}`, { field: 'holder' });
  const id = newInternalId(deps.randomBytes);
  return deps.db.transaction(async (tx) => {
    const chain = await loadChain(tx, parentId, { forUpdate: true });
    const parent = chain[chain.length - 1];
    if (!parent || !maySee(chain, callerId))
      throw new ProtocolError('NotFound', `no member token ${parentTokenId}`, { field: 'tokenId' });
    if (parent.holder_id !== callerId)
      throw new ProtocolError('Forbidden', 'only the holder of a member token derives sub-tokens from it', {
        field: 'tokenId',
      });
    if (chain.some((r) => r.status === 'cancelled'))
      throw new ProtocolError('Cancelled', `member token ${parentTokenId} is cancelled`, {
        field: 'tokenId',
      });
    const now = deps.now();
    if (parent.backing_token_id === null)
      throw new ProtocolError(
        'Forbidden',
        `member token ${parentTokenId} is a loyalty id without payment authority: there is nothing to hand on`,
        { field: 'tokenId' },
      );
    const backing = await loadToken(tx, parent.backing_token_id);
    const live = backing ? liveStatus(backing, now) : 'rejected';
    if (
      live === 'expired' ||
      (parent.limitations.expiresAt !== undefined && now >= parent.limitations.expiresAt)
    )
      throw new ProtocolError('Expired', `member token ${parentTokenId} has expired`, { field: 'tokenId' });
    if (live !== 'valid')
      throw new ProtocolError(
        'Conflict',
        `member token ${parentTokenId} is not usable (its authorization is ${live})`,
        {
          field: 'tokenId',
        },
      );
    if (parent.depth + 1 > MAX_MEMBER_TOKEN_DEPTH)
      throw new ProtocolError('Conflict', `sub-tokens nest at most ${MAX_MEMBER_TOKEN_DEPTH} deep`, {
        field: 'tokenId',
      });
    assertDerivationAllowed(
      {
        limitations: parent.limitations,
        entitlementTypes: parent.entitlements.map((e) => e.entitlement.type),
        merchantOfRecord: parent.merchant_of_record,
      },
      body,
    );
    // The merchant of record says where sub-merchants' charges are paid; deeper levels inherit it.
    let destination = parent.destination;
    if (parent.depth === 0) {
      if (body.destination === undefined)
        throw new ProtocolError(
          'Malformed',
          'destination: deriving from a root token names the account the sub-merchant charges are paid to',
          { field: 'destination' },
        );
      destination = body.destination;
    } else if (body.destination !== undefined) {
      throw new ProtocolError('Malformed', 'destination: a sub-token pays where its root merchant said', {
        field: 'destination',
      });
    }
    const types = body.entitlements ?? [];
    const child = await insertMemberToken(tx, {
      id,
      parent_id: parent.id,
      root_id: parent.root_id,
      depth: parent.depth + 1,
      owner_id: parent.owner_id,
      holder_id: body.holder,
      merchant_of_record: parent.merchant_of_record,
      backing_token_id: parent.backing_token_id,
      entity_type: 'subMerchant',
      loyalty: body.loyalty ?? false,
      limitations: body.limitations,
      entitlements: parent.entitlements.filter((e) => types.includes(e.entitlement.type)),
      metadata: body.metadata ?? [],
      destination,
      usage: usageToJson(emptyUsage()),
      status: 'active',
      created_at: new Date(now),
    });
    return [...chain, child];
  });
}
