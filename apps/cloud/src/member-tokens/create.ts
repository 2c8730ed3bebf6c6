import {
  assertMemberTokenCreation,
  emptyUsage,
  memberTokenCreationSchema,
  ProtocolError,
  parseWith,
  tokenId as tokenIdOf,
  usageToJson,
  verifyEntitlementAttestation,
} from '@tokenos/protocol';
import { BankUnavailableError } from '../banks/connector.ts';
import type { CloudDeps } from '../deps.ts';
import { loadMember } from '../members/member-store.ts';
import { cosignTransferToken } from '../tokens/bank-cosign.ts';
import { checkEndorsement } from '../tokens/endorse.ts';
import { insertToken, loadToken } from '../tokens/token-store.ts';
import type { MemberTokenContext } from './context.ts';
import { insertMemberToken, type MemberTokenRow } from './store.ts';
import { newInternalId } from './token-id.ts';

/**
 * Issue 7, create: the member (the request is signed with its STANDARD key) asks for a member
 * token for a merchant, with the transfer token behind it and its endorsement of that transfer
 * token. One database transaction stores the transfer token, checks the endorsement exactly as
 * any other (tokens/endorse.ts: key level, signature, SCA by passkey or exemption) and stores the
 * member token; then the member's bank co-signs, outside the transaction. A retry of the same
 * request finds the first token and retries the bank's co-signature if it was missing.
 */
export async function createMemberToken(
  ctx: MemberTokenContext,
  callerId: string,
  input: unknown,
): Promise<{ row: MemberTokenRow; created: boolean }> {
  const { deps } = ctx;
  const body = parseWith(memberTokenCreationSchema, input, 'member token creation');
  const { spec, transferToken: payload } = body;
  if (payload.issuer !== callerId)
    throw new ProtocolError(
      'Forbidden',
      'a member token is created by the member it stands for (transferToken.issuer)',
      {
        field: 'transferToken.issuer',
      },
    );
  assertMemberTokenCreation(spec, payload);
  const now = deps.now();
  if (payload.expiresAt <= now)
    throw new ProtocolError('Expired', 'the subscription would be over at creation', {
      field: 'spec.limitations.expiresAt',
    });
  for (const [field, id] of [
    ['spec.holder', spec.holder],
    ['transferToken.transfer.source.bankId', payload.transfer.source.bankId],
  ] as const)
    if (!(await loadMember(deps.db, id))) throw new ProtocolError('NotFound', `no member ${id}`, { field });
  // Each entitlement must hold now, under a current STANDARD key of whoever vouches for it.
  for (const [i, attestation] of spec.entitlements.entries()) {
    const attester = await loadMember(deps.db, attestation.signer.memberId);
    if (!(await verifyEntitlementAttestation(attestation, attester, now, deps.backend)))
      throw new ProtocolError(
        'InvalidSignature',
        `spec.entitlements.${i}: the ${attestation.entitlement.type} attestation does not verify under a current STANDARD key of ${attestation.signer.memberId}`,
        { field: `spec.entitlements.${i}` },
      );
  }

  const backingId = tokenIdOf(payload);
  const id = newInternalId(deps.randomBytes);
  const result = await deps.db.transaction(async (tx) => {
    if (!(await insertToken(tx, backingId, payload))) {
      const existing = await tx.maybeOne<MemberTokenRow>(
        'select * from member_tokens where backing_token_id = $1 and parent_id is null',
        [backingId],
      );
      if (existing) return { row: existing, created: false };
      throw new ProtocolError(
        'Conflict',
        `transfer token ${backingId} exists already and backs no member token`,
        {
          field: 'transferToken',
        },
      );
    }
    const { endorsement, sca } = await checkEndorsement(deps, tx, {
      tokenId: backingId,
      payload,
      input: body.endorsement,
    });
    await tx.query(
      'update tokens set endorsement = $2::jsonb, sca = $3, updated_at = now() where token_id = $1',
      [backingId, JSON.stringify(endorsement), sca],
    );
    const row = await insertMemberToken(tx, {
      id,
      parent_id: null,
      root_id: id,
      depth: 0,
      owner_id: callerId,
      holder_id: spec.holder,
      merchant_of_record: spec.holder,
      backing_token_id: backingId,
      entity_type: spec.entityType,
      loyalty: spec.loyalty,
      limitations: spec.limitations,
      entitlements: spec.entitlements,
      metadata: spec.metadata,
      destination: null,
      usage: usageToJson(emptyUsage()),
      status: 'active',
      created_at: new Date(now),
    });
    return { row, created: true };
  });
  await cosignBacking(deps, backingId);
  return result;
}

/**
 * The bank's step (ARCHITECTURE.md, "Endorsement"), as for any transfer token: a refusal marks the
 * backing token rejected (the member token is then `rejected`); an unreachable bank leaves it
 * endorsed and the member token `pending`, until the same creation request is sent again.
 */
async function cosignBacking(deps: CloudDeps, backingId: string): Promise<void> {
  const row = await loadToken(deps.db, backingId);
  if (row?.status !== 'received') return;
  try {
    await cosignTransferToken(deps, row);
  } catch (e) {
    if (e instanceof BankUnavailableError) return;
    throw e;
  }
}
