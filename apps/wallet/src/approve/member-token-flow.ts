// Approving a member-token request (issue 7, "save for later / subscribe"): the spec the
// merchant's backend fixed (limitations, description, its metadata and the request id bound in),
// from the account the user picked, endorsed with the STANDARD key and the passkey when SCA is
// due; then the request is answered with the member token's id.
import {
  type AccountRef,
  memberTokenSpecForRequest,
  requestMetadataKey,
  type TokenRequest,
  type TokenRequestResult,
} from '@tokenos/protocol';
import {
  getMemberToken,
  isApiError,
  listMemberTokens,
  type Member,
  type MemberTokenView,
} from '@tokenos/sdk';
import { type CreateStep, createMemberTokenFlow } from '../member-tokens/create.ts';
import { WalletError } from '../wallet/wallet-error.ts';
import { answer, retryCosign, type Step } from './flows.ts';

export interface MemberTokenArgs {
  member: Member;
  requestId: string;
  request: TokenRequest;
  source: AccountRef;
  passkeys: readonly string[];
  onStep: (step: Step) => void;
}

const stepOf: Record<CreateStep, Step> = { creating: 'creating', passkey: 'passkey', bank: 'bank' };

export async function approveMemberToken(
  a: MemberTokenArgs,
): Promise<{ token: MemberTokenView; result: TokenRequestResult }> {
  const body = a.request.body;
  if (body.kind !== 'memberToken') throw new WalletError('NotAnswerable', 'not a member-token request');
  const spec = memberTokenSpecForRequest(body, a.request.signer.memberId, a.requestId);
  // An earlier attempt on this page (or another window) may have made it already: one per request.
  const made = (await listMemberTokens(a.member, { limit: 20 })).find(
    (t) =>
      (t.status === 'active' || t.status === 'pending') &&
      t.metadata.some((m) => m.key === requestMetadataKey && m.value === a.requestId),
  );
  const token =
    made?.status === 'active'
      ? made
      : made?.status === 'pending'
        ? await resumePending(a.member, made, a.onStep)
        : await createMemberTokenFlow({
            member: a.member,
            holder: spec.holder,
            limitations: spec.limitations,
            loyalty: spec.loyalty,
            metadata: spec.metadata,
            source: a.source,
            description: body.description,
            passkeys: a.passkeys,
            onStep: (s) => a.onStep(stepOf[s]),
          });
  a.onStep('answering');
  return { token, result: await answer(a.member, a.requestId, { memberTokenId: token.tokenId }) };
}

const resumeDelaysMs = [0, 1_000, 2_000, 4_000];

/**
 * A token an earlier attempt made and endorsed, whose bank had not co-signed yet: the bank is asked
 * again for the co-signature of the authorization behind it, rather than a second token made.
 */
async function resumePending(
  member: Member,
  made: MemberTokenView,
  onStep: (step: Step) => void,
): Promise<MemberTokenView> {
  const backing = made.backingTokenId;
  if (!backing) throw new WalletError('BankPending', `member token ${made.tokenId} is pending`);
  onStep('bank');
  for (const delay of resumeDelaysMs) {
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      await retryCosign(member, backing);
    } catch (e) {
      // Conflict: the bank still cannot be reached; anything else is the cloud's verdict.
      if (!isApiError(e, 'BankUnavailable')) throw e;
    }
    const now = await getMemberToken(member, made.tokenId);
    if (now.status === 'active') return now;
    if (now.status === 'rejected')
      throw new WalletError('BankRefused', `bank refused member token ${made.tokenId}`);
    if (now.status !== 'pending')
      throw new WalletError('NotAnswerable', `member token ${made.tokenId} is ${now.status}`);
  }
  throw new WalletError('BankPending', `member token ${made.tokenId} is pending`);
}
