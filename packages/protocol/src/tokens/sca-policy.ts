/**
 * When an endorsement must carry a passkey assertion (strong customer authentication).
 *
 * PSD2 RTS (Delegated Regulation 2018/389) Art. 16, low-value remote payments: SCA may be skipped
 * when the payment is at most EUR 30 and, since the last SCA, the cumulated amount stays within
 * EUR 100 and the number of payments within 5. The regulation lets the PSP pick either counter;
 * we apply both, which is never looser than either. Access grants always need SCA (Art. 10: the
 * first access to account information does). Non-EUR payments get no exemption: converting at an
 * FX rate would make the threshold depend on data outside the token.
 *
 * Refunds (exemption 'Refund', our own policy decision): a transfer token whose `transfer.refundOf`
 * names an earlier transfer token, going from that token's payee back to its payer, in its
 * currency, and within what it moved (its executed amount minus every other live refund of it;
 * see refund.ts), needs no passkey. The payer gives back money it was paid to the member who paid
 * it; no new money leaves to a new beneficiary. The RTS has no article for exactly this: it is
 * close to Art. 13 (trusted beneficiaries) and Art. 17 (payer-initiated corporate flows), and the
 * cloud and the payer's bank each check the bounds against their own records. The key level rule
 * stays (LOW up to the low-value limit, STANDARD above), and a refund leaves the Art. 16 counters
 * as they were. Any other exemption on a refund, or 'Refund' on a token that is not one, is refused.
 */
export interface ScaPolicy {
  /** Largest single payment eligible for the exemption, EUR minor units (Art. 16(a): 3000). */
  maxExemptAmount: bigint;
  /** Art. 16(b): cumulated EUR minor units since the last SCA (10000). */
  maxCumulativeSinceSca: bigint;
  /** Art. 16(c): payments since the last SCA (5). */
  maxCountSinceSca: number;
}

export const rtsArticle16: ScaPolicy = {
  maxExemptAmount: 3000n,
  maxCumulativeSinceSca: 10000n,
  maxCountSinceSca: 5,
};

export interface ScaCounters {
  amountSinceSca: bigint;
  countSinceSca: number;
}

export type ScaDecision = { required: true; reason: string } | { required: false; exemption: 'LowValue' };

export function scaDecision(
  attempt: { kind: 'transfer'; amount: bigint; currency: string } | { kind: 'access' },
  counters: ScaCounters,
  policy: ScaPolicy = rtsArticle16,
): ScaDecision {
  if (attempt.kind === 'access')
    return { required: true, reason: 'access grants always need SCA (RTS Art. 10)' };
  if (attempt.currency !== 'EUR')
    return { required: true, reason: `no low-value exemption for ${attempt.currency} payments` };
  if (attempt.amount > policy.maxExemptAmount)
    return { required: true, reason: 'amount above the low-value limit (RTS Art. 16(a))' };
  if (counters.amountSinceSca + attempt.amount > policy.maxCumulativeSinceSca)
    return {
      required: true,
      reason: 'cumulated low-value payments since the last SCA would exceed the limit (RTS Art. 16(b))',
    };
  if (counters.countSinceSca + 1 > policy.maxCountSinceSca)
    return { required: true, reason: 'too many low-value payments since the last SCA (RTS Art. 16(c))' };
  return { required: false, exemption: 'LowValue' };
}

/** Counters after an endorsement: a passkey SCA resets them, an exempt payment adds to them. */
export function nextScaCounters(
  counters: ScaCounters,
  applied: { method: 'passkey' } | { method: 'exemption'; amount: bigint },
): ScaCounters {
  if (applied.method === 'passkey') return { amountSinceSca: 0n, countSinceSca: 0 };
  return {
    amountSinceSca: counters.amountSinceSca + applied.amount,
    countSinceSca: counters.countSinceSca + 1,
  };
}

/**
 * The key level an endorsement needs (seed 000, "Key Management"): a LOW key may endorse a
 * transfer token up to the low-value limit; larger transfers and every access token need STANDARD.
 */
export function requiredEndorsementLevel(
  attempt: { kind: 'transfer'; amount: bigint; currency: string } | { kind: 'access' },
  policy: ScaPolicy = rtsArticle16,
): 'LOW' | 'STANDARD' {
  if (attempt.kind === 'access') return 'STANDARD';
  return attempt.currency === 'EUR' && attempt.amount <= policy.maxExemptAmount ? 'LOW' : 'STANDARD';
}
