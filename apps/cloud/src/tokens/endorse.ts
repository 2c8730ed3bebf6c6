import type { Db } from '@tokenos/db';
import {
  assertSignedByMemberKey,
  type Endorsement,
  endorsementScaChallenge,
  endorsementSchema,
  type MemberState,
  nextScaCounters,
  ProtocolError,
  parseAmount,
  parseWith,
  requiredEndorsementLevel,
  scaDecision,
  type TokenPayload,
  type TransferTokenPayload,
} from '@tokenos/protocol';
import { lockScaCounters, saveScaCounters } from '@tokenos/service-kit';
import type { CloudDeps } from '../deps.ts';
import { loadMember } from '../members/member-store.ts';
import { verifyScaAssertion } from '../passkeys/verify-assertion.ts';
import { checkRefundBounds, claimsRefundExemption } from './refund-exemption.ts';
import { loadToken } from './token-store.ts';

function attemptOf(payload: TokenPayload) {
  if (payload.type === 'AccessToken') return { kind: 'access' as const };
  const { value, currency } = payload.transfer.amount;
  return { kind: 'transfer' as const, amount: parseAmount(value, currency), currency };
}

/**
 * Checks an asset owner's endorsement of `tokenId` inside the caller's transaction and records the
 * SCA outcome: the signer is the owner, its key is current and strong enough (LOW only for
 * low-value transfers), the signature holds, and SCA is either a passkey assertion whose
 * challenge is derived from this token id (RTS Art. 5 dynamic linking) or an exemption the policy
 * grants (RTS Art. 16, or a refund within what the original moved, which leaves the counters
 * alone). Returns the parsed endorsement and how SCA was satisfied.
 */
export async function checkEndorsement(
  deps: CloudDeps,
  tx: Db,
  args: {
    tokenId: string;
    payload: TokenPayload;
    input: unknown;
    /** The owner's directory state when the caller has it already (the owner signed the request). */
    owner?: MemberState;
  },
): Promise<{ endorsement: Endorsement; sca: string }> {
  const endorsement = parseWith(endorsementSchema, args.input, 'endorsement');
  const owner = args.payload.from.memberId;
  if (endorsement.tokenId !== args.tokenId)
    throw new ProtocolError(
      'Malformed',
      `endorsement is for token ${endorsement.tokenId}, not ${args.tokenId}`,
      { field: 'tokenId' },
    );
  if (endorsement.signer.memberId !== owner)
    throw new ProtocolError('Forbidden', `only the asset owner ${owner} endorses this token`, {
      field: 'signer.memberId',
    });
  const now = deps.now();
  const member = args.owner?.memberId === owner ? args.owner : await loadMember(tx, owner);
  if (!member) throw new ProtocolError('NotFound', `no member ${owner}`);
  const attempt = attemptOf(args.payload);
  await assertSignedByMemberKey({
    member,
    signer: endorsement.signer,
    required: requiredEndorsementLevel(attempt),
    now,
    field: 'signer.keyId',
    signed: endorsement,
    backend: deps.backend,
    signatureField: 'signature',
  });

  if (claimsRefundExemption(args.payload, endorsement)) {
    await checkRefundBounds(tx, args.tokenId, args.payload);
    return { endorsement, sca: 'exemption:Refund' };
  }
  const counters = await lockScaCounters(tx, owner);
  const decision = scaDecision(attempt, counters);
  if (endorsement.sca.method === 'passkey') {
    await verifyScaAssertion(deps, tx, {
      member,
      assertion: endorsement.sca.assertion,
      challenge: endorsementScaChallenge(endorsement),
      bundle: endorsement.sca.tokenIds !== undefined,
      ...(await paymentApproved(tx, args.tokenId, args.payload, endorsement.sca.tokenIds)),
    });
    await saveScaCounters(tx, owner, nextScaCounters(counters, { method: 'passkey' }), true);
    return { endorsement, sca: 'passkey' };
  }
  if (decision.required)
    throw new ProtocolError('ScaRequired', `a passkey assertion is required: ${decision.reason}`, {
      field: 'sca',
    });
  const amount = attempt.kind === 'transfer' ? attempt.amount : 0n;
  await saveScaCounters(tx, owner, nextScaCounters(counters, { method: 'exemption', amount }), false);
  return { endorsement, sca: `exemption:${decision.exemption}` };
}

/**
 * The payment a Secure Payment Confirmation dialog may have shown for this approval: the transfer
 * itself; or, for an access grant approved in one bundle with a payment (an address shared at
 * checkout), that payment, when the bundle names exactly one transfer from the same owner to this
 * grantee. SPC shows one payment, and the one dialog approves the whole bundle, whose challenge
 * names every token. Anything else: no payment, so an SPC assertion is refused.
 */
async function paymentApproved(
  tx: Db,
  tokenId: string,
  payload: TokenPayload,
  bundle: readonly string[] | undefined,
): Promise<{ payment?: { amount: TransferTokenPayload['transfer']['amount']; payee: string } }> {
  if (payload.type === 'TransferToken')
    return { payment: { amount: payload.transfer.amount, payee: payload.to.memberId } };
  if (!bundle) return {};
  const transfers: TransferTokenPayload[] = [];
  for (const id of bundle) {
    if (id === tokenId) continue;
    const other = (await loadToken(tx, id))?.payload;
    if (
      other?.type === 'TransferToken' &&
      other.from.memberId === payload.from.memberId &&
      other.to.memberId === payload.to.memberId
    )
      transfers.push(other);
  }
  const [only] = transfers;
  return only && transfers.length === 1
    ? { payment: { amount: only.transfer.amount, payee: only.to.memberId } }
    : {};
}
