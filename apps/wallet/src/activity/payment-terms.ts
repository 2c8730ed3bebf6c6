// What a payment the wallet approved is, in words: one charge of an amount, or a standing
// authority with limits ("Up to €60.00 a month"), never the protocol's placeholder for "no bound"
// (a member token without a credit limit carries MAX_AMOUNT_MINOR as its lifetime amount,
// protocol member-tokens/spec.ts backingTransferToken). Pure, so each case is unit-tested.
import { MAX_AMOUNT_MINOR, type Period, parseAmount, type TransferTokenPayload } from '@tokenos/protocol';
import type { TokenStatus } from '@tokenos/sdk';
import { formatMoney } from '../format.ts';

export interface PaymentTerms {
  /** A single payment, or a standing authority the payee charges within limits. */
  kind: 'charge' | 'limit';
  /** "€25.00"; or "Up to €60.00 a month", "Up to €100.00 in total", "No limit". */
  headline: string;
  /** The other limits of an authority, in words ("up to €20.00 a charge", "at most 3 charges"). */
  details: string[];
}

const periodWords: Record<Period, string> = {
  DAY: 'a day',
  WEEK: 'a week',
  MONTH: 'a month',
  YEAR: 'a year',
};

/** A transfer the payee can charge more than once (a subscription, a member token). */
export function isStandingAuthority(payload: TransferTokenPayload): boolean {
  const c = payload.conditions;
  return c.singleUse !== true && c.maxRedemptions !== 1;
}

/** The amount, unless it is the protocol's largest amount (which stands for "no bound"). */
function bounded(value: string, currency: string): string | undefined {
  try {
    return parseAmount(value, currency) >= MAX_AMOUNT_MINOR ? undefined : value;
  } catch {
    return undefined;
  }
}

export function paymentTerms(payload: TransferTokenPayload, locale?: string): PaymentTerms {
  const { amount } = payload.transfer;
  const money = (value: string) => formatMoney({ value, currency: amount.currency }, locale);
  if (!isStandingAuthority(payload)) return { kind: 'charge', headline: money(amount.value), details: [] };
  const c = payload.conditions;
  const limits: string[] = [];
  for (const p of c.periodicLimits ?? []) {
    if (p.maxAmount !== undefined) limits.push(`up to ${money(p.maxAmount)} ${periodWords[p.period]}`);
    if (p.maxCount !== undefined)
      limits.push(
        `at most ${p.maxCount} ${p.maxCount === 1 ? 'charge' : 'charges'} ${periodWords[p.period]}`,
      );
  }
  const total = bounded(c.cumulativeLimit ?? amount.value, amount.currency);
  if (total !== undefined) limits.push(`up to ${money(total)} in total`);
  const each = c.maxPerTransaction !== undefined ? bounded(c.maxPerTransaction, amount.currency) : undefined;
  if (each !== undefined) limits.push(`up to ${money(each)} a charge`);
  if (c.maxRedemptions !== undefined) limits.push(`at most ${c.maxRedemptions} charges`);
  const [first, ...rest] = limits;
  if (first === undefined) return { kind: 'limit', headline: 'No limit', details: [] };
  return { kind: 'limit', headline: first.charAt(0).toUpperCase() + first.slice(1), details: rest };
}

/** Where a payment stands, in plain words; a standing authority is "Active" where a charge is "Approved". */
export function paymentStatusWords(status: TokenStatus, kind: PaymentTerms['kind']): string {
  switch (status) {
    case 'received':
      return 'Waiting for your bank';
    case 'valid':
      return kind === 'limit' ? 'Active' : 'Approved';
    case 'rejected':
      return 'Declined by your bank';
    case 'revokedByPsu':
      return 'Cancelled by you';
    case 'terminatedByTpp':
      return 'Cancelled by the payee';
    case 'replaced':
      return 'Replaced';
    case 'expired':
      return 'Expired';
  }
}
