import type { AccountRef, Money } from '@tokenos/protocol';
import {
  createToken,
  endorsementFor,
  endorseToken,
  getToken,
  isApiError,
  type Member,
  redeemToken,
  type TokenView,
  type TransferView,
  transferTokenPayload,
} from '@tokenos/sdk';
import { type Payer, passkeySca } from '../bench/world.ts';
import type { RecordingFetch } from './recording-fetch.ts';

/** How one payment ended for the client that made it. */
export interface PaymentOutcome {
  index: number;
  tokenId: string;
  /** The merchant's redemption refId, the same on every retry. */
  refId: string;
  /** ACSC: the client saw the money move. PENDING: the bank had not answered when it gave up. */
  status: 'ACSC' | 'RJCT' | 'PENDING';
  /** Calls that failed and were made again. */
  retries: number;
}

export interface PaymentParties {
  payer: Payer;
  merchant: Member;
  account: AccountRef;
  /** The cloud instances; each call goes to one of them, the next one after a failure. */
  cloudUrls: readonly string[];
  recorder: RecordingFetch;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * No answer, or an answer that says "not now": connection refused or reset (a cloud killed),
 * 502/503/504 (its database or the bank away: `BankUnavailable` for an endorsed token whose bank
 * has not co-signed yet), 429. The same call may be made again; everything else is an answer.
 */
export function isTransient(e: unknown): boolean {
  if (!isApiError(e)) return true;
  return e.status === 429 || e.status === 502 || e.status === 503 || e.status === 504;
}

/**
 * One payment as a careful wallet and shop make it when processes die under them: every step is
 * repeated until it gets an answer, on the next cloud instance, with the same token (its id is the
 * hash of the payload, so creating it again is a no-op) and the same redemption refId (the cloud
 * and the bank execute a (token, refId) at most once). Between attempts the client reads the
 * token to learn where it stands, as after a crash it cannot know which step went through.
 * A redemption the bank has not answered (202, ACTC) is asked again until `pendingMs` has passed.
 */
export async function payWithRetries(
  parties: PaymentParties,
  index: number,
  amount: Money,
  run: string,
  options: { pendingMs?: number } = {},
): Promise<PaymentOutcome> {
  const { payer, merchant, cloudUrls, recorder } = parties;
  let instance = index % cloudUrls.length;
  let retries = 0;
  const on = (member: Member) => recorder.memberOn(member, cloudUrls[instance % cloudUrls.length]!);
  // Makes `call` again (on the next instance, after a short pause) while it fails transiently, for
  // a minute at most: a service that never comes back fails the payment instead of hanging it.
  async function attempt<T>(call: () => Promise<T>): Promise<T> {
    const giveUp = Date.now() + 60_000;
    for (;;) {
      try {
        return await call();
      } catch (e) {
        if (!isTransient(e) || Date.now() > giveUp) throw e;
        retries++;
        instance++;
        await sleep(100 + Math.random() * 200);
      }
    }
  }

  const payload = transferTokenPayload(payer.member, {
    payee: merchant.id,
    amount,
    description: `Fault run ${run} order ${index}`,
    refId: `fault-${run}-${index}`,
    source: payer.source,
  });
  const created = await attempt(() => createToken(on(payer.member), payload));
  const id = created.id;

  // Endorse, then the bank's co-signature; after any failure, read the token and go on from there.
  let token: TokenView = created;
  while (!token.bankEndorsement) {
    try {
      if (!token.endorsement) {
        // A fresh passkey assertion for every attempt: an assertion is used once.
        const endorsement = await endorsementFor(payer.member, id, 'STANDARD', await passkeySca(payer, id));
        token = await endorseToken(on(payer.member), id, endorsement);
      } else {
        token = await on(payer.member).client.send<TokenView>(
          'POST',
          `/api/v1/tokens/${id}/cosign`,
          {},
          await payer.member.signerFor('LOW'),
        );
      }
    } catch (e) {
      const alreadyEndorsed = isApiError(e, 'Conflict') && e.field === 'tokenId';
      if (!isTransient(e) && !alreadyEndorsed) throw e;
      retries++;
      instance++;
      await sleep(100 + Math.random() * 200);
      token = await attempt(() => getToken(on(payer.member), id));
    }
  }

  const refId = `redeem-${run}-${index}`;
  const redeemed = await redeemUntilFinal(parties, id, refId, amount, options.pendingMs ?? 20_000, instance);
  return { index, tokenId: id, refId, status: redeemed.status, retries: retries + redeemed.retries };
}

/**
 * Redeems (or asks again about) one redemption, always with the same refId, until the bank's
 * answer is final (ACSC or RJCT) or `pendingMs` has passed (PENDING: ACTC, the bank not answering).
 */
export async function redeemUntilFinal(
  parties: Pick<PaymentParties, 'merchant' | 'account' | 'cloudUrls' | 'recorder'>,
  tokenId: string,
  refId: string,
  amount: Money,
  pendingMs: number,
  firstInstance = 0,
): Promise<{ status: PaymentOutcome['status']; retries: number }> {
  const { merchant, account, cloudUrls, recorder } = parties;
  let instance = firstInstance;
  let retries = 0;
  const deadline = Date.now() + pendingMs;
  for (;;) {
    try {
      const on = recorder.memberOn(merchant, cloudUrls[instance % cloudUrls.length]!);
      const transfer: TransferView = await redeemToken(on, tokenId, { amount, refId, destination: account });
      if (transfer.status === 'ACSC' || transfer.status === 'RJCT')
        return { status: transfer.status, retries };
    } catch (e) {
      // The bank refused to move the money: a final answer, as RJCT was before it was a problem.
      if (isApiError(e, 'BankRefused')) return { status: 'RJCT', retries };
      if (!isTransient(e)) throw e;
    }
    if (Date.now() > deadline) return { status: 'PENDING', retries };
    retries++;
    instance++;
    await sleep(250);
  }
}
