// Creating a member token from the wallet: the SDK builds the spec, the multi-use transfer token
// behind it and the STANDARD-key endorsement; SCA is the low-value exemption where the policy may
// allow it (a total of at most EUR 30), else the passkey, bound to the backing token's id. The
// same creation request is sent again while the bank has not co-signed (it is idempotent).
import {
  type AccountRef,
  type MemberTokenLimitations,
  type MetadataEntry,
  parseAmount,
  requiredEndorsementLevel,
} from '@tokenos/protocol';
import {
  isApiError,
  type Member,
  type MemberTokenCreationRequest,
  type MemberTokenView,
  memberTokenCreation,
  resolveAlias,
  sendMemberTokenCreation,
} from '@tokenos/sdk';
import { passkeyEvidence } from '../wallet/passkey.ts';
import { WalletError } from '../wallet/wallet-error.ts';
import type { MerchantRef } from './limits-form.ts';

export type CreateStep = 'creating' | 'passkey' | 'bank';

export interface CreateArgs {
  member: Member;
  holder: string;
  limitations: MemberTokenLimitations;
  loyalty: boolean;
  metadata?: MetadataEntry[];
  source: AccountRef;
  description: string;
  passkeys: readonly string[];
  onStep: (step: CreateStep) => void;
}

const bankRetryDelaysMs = [1_000, 2_000, 4_000];

/** The merchant's member id: as given, or what its verified DOMAIN alias resolves to (NotFound otherwise). */
export async function resolveMerchant(member: Member, ref: MerchantRef): Promise<string> {
  if (ref.kind === 'member') return ref.memberId;
  return resolveAlias(member, { type: 'DOMAIN', value: ref.domain });
}

/** May the exemption cover it? Only a small total can (PSD2 RTS Art. 16); the cloud decides for real. */
function mayBeExempt(l: MemberTokenLimitations): boolean {
  if (l.creditLimit === undefined) return false;
  const attempt = {
    kind: 'transfer' as const,
    amount: parseAmount(l.creditLimit, l.currency),
    currency: l.currency,
  };
  return requiredEndorsementLevel(attempt) === 'LOW';
}

export async function createMemberTokenFlow(a: CreateArgs): Promise<MemberTokenView> {
  const options = {
    holder: a.holder,
    loyalty: a.loyalty,
    limitations: a.limitations,
    ...(a.metadata ? { metadata: a.metadata } : {}),
    source: a.source,
    description: a.description,
  };
  let request: MemberTokenCreationRequest | undefined;
  let view: MemberTokenView | undefined;
  a.onStep('creating');
  if (mayBeExempt(a.limitations)) {
    request = await memberTokenCreation(a.member, {
      ...options,
      sca: async () => ({ method: 'exemption', exemption: 'LowValue' }),
    });
    try {
      view = await sendMemberTokenCreation(a.member, request);
    } catch (e) {
      if (!isApiError(e, 'ScaRequired')) throw e;
      request = undefined;
    }
  }
  if (!view) {
    request = await memberTokenCreation(a.member, {
      ...options,
      sca: async (backingTokenId) => {
        a.onStep('passkey');
        return passkeyEvidence(backingTokenId, a.passkeys);
      },
    });
    a.onStep('creating');
    view = await sendMemberTokenCreation(a.member, request);
  }
  for (const delay of bankRetryDelaysMs) {
    if (view.status !== 'pending' || !request) break;
    a.onStep('bank');
    await new Promise((resolve) => setTimeout(resolve, delay));
    view = await sendMemberTokenCreation(a.member, request);
  }
  if (view.status === 'rejected')
    throw new WalletError('BankRefused', `bank refused member token ${view.tokenId}`);
  if (view.status === 'pending')
    throw new WalletError('BankPending', `member token ${view.tokenId} is pending`);
  return view;
}
