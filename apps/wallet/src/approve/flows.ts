// The approval steps, as plain async functions over the SDK: create the token, endorse it (the
// low-value exemption when the policy allows it, else a passkey bound to the token), wait for the
// bank's co-signature, answer the request. Screens call these and show the progress they report.
import {
  type AccountRef,
  type ProfileField,
  parseAmount,
  requiredEndorsementLevel,
  type TokenRequest,
  type TokenRequestResult,
  tokenId as tokenIdOf,
} from '@tokenos/protocol';
import {
  accessTokenPayload,
  answerTokenRequest,
  cancelToken,
  createToken,
  endorsementFor,
  endorseToken,
  fetchTokenRequestResult,
  getToken,
  isApiError,
  listTokens,
  type Member,
  replaceAccessToken,
  type TokenView,
  transferTokenPayload,
} from '@tokenos/sdk';
import { passkeyEvidence, paymentEvidence } from '../wallet/passkey.ts';
import type { SpcDisplay } from '../wallet/secure-payment-confirmation.ts';
import { WalletError } from '../wallet/wallet-error.ts';

export type Step = 'creating' | 'endorsing' | 'passkey' | 'bank' | 'answering';

const day = 24 * 3600 * 1000;
const bankRetryDelaysMs = [1_000, 2_000, 4_000];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Asks the cloud to ask the bank again for the co-signature of an endorsed token. */
export async function retryCosign(member: Member, id: string): Promise<TokenView> {
  return member.client.send<TokenView>(
    'POST',
    `/api/v1/tokens/${id}/cosign`,
    undefined,
    await member.signerFor('LOW'),
  );
}

/**
 * Endorses, then makes sure the bank co-signed. The cloud asks the bank inside the endorse call;
 * when the bank could not be reached the endorsement is kept and the co-signature is asked for
 * again a few times. A token the bank refused is `rejected`.
 */
export async function endorseAndCosign(
  member: Member,
  id: string,
  endorse: () => Promise<TokenView>,
  onStep: (step: Step) => void,
): Promise<TokenView> {
  let view: TokenView;
  try {
    view = await endorse();
  } catch (e) {
    // A refusal by the bank rejects the token; an unreachable bank leaves it endorsed (BankUnavailable).
    const now = await getToken(member, id).catch(() => undefined);
    if (now?.status === 'rejected') throw new WalletError('BankRefused', `bank refused token ${id}`);
    if (!(isApiError(e, 'BankUnavailable') && now?.endorsement)) throw e;
    view = now;
  }
  for (const delay of bankRetryDelaysMs) {
    if (view.status !== 'received' || !view.endorsement) break;
    onStep('bank');
    await sleep(delay);
    try {
      view = await retryCosign(member, id);
    } catch (e) {
      if (!isApiError(e, 'BankUnavailable')) {
        const now = await getToken(member, id).catch(() => undefined);
        if (now?.status === 'rejected') throw new WalletError('BankRefused', `bank refused token ${id}`);
        throw e;
      }
    }
  }
  if (view.status === 'rejected') throw new WalletError('BankRefused', `bank refused token ${id}`);
  if (view.status !== 'valid') throw new WalletError('BankPending', `token ${id} is ${view.status}`);
  return view;
}

/** Answers the request; if another window answered it first, that answer is the result. */
export async function answer(
  member: Member,
  requestId: string,
  reply: { tokenId: string; accessTokenId?: string | null } | { memberTokenId: string } | { declined: true },
): Promise<TokenRequestResult> {
  try {
    return await answerTokenRequest(member, requestId, reply);
  } catch (e) {
    if (!isApiError(e, 'Conflict')) throw e;
    const result = await fetchTokenRequestResult(member.client, requestId).catch(() => undefined);
    if (!result) throw e;
    return result;
  }
}

export interface PaymentArgs {
  member: Member;
  requestId: string;
  request: TokenRequest;
  source: AccountRef;
  /** The member's passkeys (directory), offered to the browser's prompt. */
  passkeys: readonly string[];
  /** What Secure Payment Confirmation shows, where the browser has it; undefined: plain passkey prompt. */
  spc?: SpcDisplay | undefined;
  /** A token made by an earlier attempt on this page, with the same source: resumed, not made again. */
  tokenId?: string | undefined;
  onStep: (step: Step) => void;
  onToken: (tokenId: string) => void;
}

/**
 * The transfer token a payment request asks for, to the requester from the chosen account, with
 * the request's terms: endorsable while the request is open; usable for the default lifetime after.
 */
export async function createRequestedTransfer(a: PaymentArgs): Promise<TokenView> {
  const body = a.request.body;
  if (body.kind !== 'transfer') throw new WalletError('NotAnswerable', 'not a payment request');
  const { currency: _currency, ...extra } = body.conditions ?? { currency: body.amount.currency };
  return createToken(
    a.member,
    transferTokenPayload(a.member, {
      payee: a.request.signer.memberId,
      amount: body.amount,
      description: body.description,
      refId: body.refId,
      source: a.source,
      requestId: a.requestId,
      conditions: extra,
      endorseUntil: a.request.expiresAt,
    }),
  );
}

export async function approvePayment(
  a: PaymentArgs,
): Promise<{ token: TokenView; result: TokenRequestResult }> {
  const body = a.request.body;
  if (body.kind !== 'transfer') throw new WalletError('NotAnswerable', 'not a payment request');
  let token: TokenView | undefined;
  if (a.tokenId) {
    const earlier = await getToken(a.member, a.tokenId).catch(() => undefined);
    if (earlier?.status === 'received' || earlier?.status === 'valid') token = earlier;
  }
  if (!token) {
    a.onStep('creating');
    token = await createRequestedTransfer(a);
  }
  const id = token.id;
  a.onToken(id);

  if (token.status !== 'valid') {
    if (token.endorsement) {
      token = await endorseAndCosign(a.member, id, async () => retryCosign(a.member, id), a.onStep);
    } else {
      const attempt = {
        kind: 'transfer' as const,
        amount: parseAmount(body.amount.value, body.amount.currency),
        currency: body.amount.currency,
      };
      let done: TokenView | undefined;
      // PSD2 RTS Art. 16: a low-value payment may go without SCA while the counters allow; the
      // cloud keeps the counters and answers ScaRequired once they are used up.
      if (requiredEndorsementLevel(attempt) === 'LOW') {
        a.onStep('endorsing');
        try {
          done = await endorseAndCosign(
            a.member,
            id,
            async () =>
              endorseToken(
                a.member,
                id,
                await endorsementFor(a.member, id, 'LOW', { method: 'exemption', exemption: 'LowValue' }),
              ),
            a.onStep,
          );
        } catch (e) {
          if (!isApiError(e, 'ScaRequired')) throw e;
        }
      }
      if (!done) {
        a.onStep('passkey');
        const sca = await paymentEvidence(id, a.passkeys, a.spc);
        a.onStep('endorsing');
        done = await endorseAndCosign(
          a.member,
          id,
          async () => endorseToken(a.member, id, await endorsementFor(a.member, id, 'STANDARD', sca)),
          a.onStep,
        );
      }
      token = done;
    }
  }
  a.onStep('answering');
  return { token, result: await answer(a.member, a.requestId, { tokenId: id }) };
}

export interface AccessArgs {
  member: Member;
  requestId: string;
  request: TokenRequest;
  accounts: readonly AccountRef[];
  /** The profile fields the user agreed to share, of those the app asked for (none: no profile grant). */
  profile?: readonly ProfileField[];
  days: number;
  passkeys: readonly string[];
  onStep: (step: Step) => void;
}

/**
 * Grants read access: a new access token, or, when this app already holds a live grant (one grant
 * per grantor and grantee), a replacement of it. Either way the passkey is always asked for (PSD2
 * RTS Art. 10).
 */
export async function approveAccess(
  a: AccessArgs,
): Promise<{ token: TokenView; result: TokenRequestResult }> {
  const body = a.request.body;
  if (body.kind !== 'access') throw new WalletError('NotAnswerable', 'not an access request');
  const grantee = a.request.signer.memberId;
  const payload = accessTokenPayload(a.member, {
    grantee,
    resources: [
      ...a.accounts.map((account) => ({ type: 'account' as const, account, scopes: [...body.scopes] })),
      ...(a.profile && a.profile.length > 0 ? [{ type: 'profile' as const, fields: [...a.profile] }] : []),
    ],
    expiresInMs: Math.min(a.days, body.days) * day,
    requestId: a.requestId,
  });
  a.onStep('creating');
  const live = (await listTokens(a.member, { role: 'payer', kind: 'access' })).find(
    (t) => t.status === 'valid' && t.payload.to.memberId === grantee,
  );
  let token: TokenView;
  if (live) {
    a.onStep('passkey');
    const sca = await passkeyEvidence(tokenIdOf(payload), a.passkeys);
    a.onStep('endorsing');
    token = await replaceAccessToken(a.member, live.id, payload, sca);
  } else {
    const created = await createToken(a.member, payload);
    a.onStep('passkey');
    const sca = await passkeyEvidence(created.id, a.passkeys);
    a.onStep('endorsing');
    token = await endorseToken(
      a.member,
      created.id,
      await endorsementFor(a.member, created.id, 'STANDARD', sca),
    );
  }
  a.onStep('answering');
  return { token, result: await answer(a.member, a.requestId, { tokenId: token.id }) };
}

/** Declines: a token made but never endorsed is cancelled too, so nothing is left half done. */
export async function decline(
  member: Member,
  requestId: string,
  tokenId?: string,
): Promise<TokenRequestResult> {
  if (tokenId) {
    const token = await getToken(member, tokenId).catch(() => undefined);
    if (token?.status === 'received' && !token.endorsement)
      await cancelToken(member, tokenId).catch(() => undefined);
  }
  return answer(member, requestId, { declined: true });
}
