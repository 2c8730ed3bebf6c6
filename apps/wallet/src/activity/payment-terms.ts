// What a payment the wallet approved is, in words: one charge of an amount, or a standing
// authority with limits ("Up to €60.00 a month"), never the protocol's placeholder for "no bound"
// (a member token without a credit limit carries MAX_AMOUNT_MINOR as its lifetime amount,
// protocol member-tokens/spec.ts backingTransferToken). Pure, so each case is unit-tested.

import { createTranslator, type Locale } from '@tokenos/i18n';
import { MAX_AMOUNT_MINOR, parseAmount, type TransferTokenPayload } from '@tokenos/protocol';
import type { TokenStatus } from '@tokenos/sdk';
import { formatMoney } from '../format.ts';
import { paymentTermsMessages } from './payment-terms.messages.ts';

export interface PaymentTerms {
  /** A single payment, or a standing authority the payee charges within limits. */
  kind: 'charge' | 'limit';
  /** "€25.00"; or "Up to €60.00 a month", "Up to €100.00 in total", "No limit". */
  headline: string;
  /** The other limits of an authority, in words ("up to €20.00 a charge", "at most 3 charges"). */
  details: string[];
}

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

/**
 * The terms in `locale`'s words, money formatted for `tag` (the browser's regional variant of the
 * language, see i18n/locale-choice.ts; the language itself by default).
 */
export function paymentTerms(
  payload: TransferTokenPayload,
  locale: Locale,
  tag: string = locale,
): PaymentTerms {
  const t = createTranslator(paymentTermsMessages, locale);
  const { amount } = payload.transfer;
  const money = (value: string) => formatMoney({ value, currency: amount.currency }, tag);
  if (!isStandingAuthority(payload)) return { kind: 'charge', headline: money(amount.value), details: [] };
  const c = payload.conditions;
  const limits: string[] = [];
  for (const p of c.periodicLimits ?? []) {
    if (p.maxAmount !== undefined)
      limits.push(t('perPeriodAmount', { amount: money(p.maxAmount), period: p.period }));
    if (p.maxCount !== undefined) limits.push(t('perPeriodCount', { count: p.maxCount, period: p.period }));
  }
  const total = bounded(c.cumulativeLimit ?? amount.value, amount.currency);
  if (total !== undefined) limits.push(t('total', { amount: money(total) }));
  const each = c.maxPerTransaction !== undefined ? bounded(c.maxPerTransaction, amount.currency) : undefined;
  if (each !== undefined) limits.push(t('each', { amount: money(each) }));
  if (c.maxRedemptions !== undefined) limits.push(t('maxCharges', { count: c.maxRedemptions }));
  const [first, ...rest] = limits;
  if (first === undefined) return { kind: 'limit', headline: t('noLimit'), details: [] };
  return {
    kind: 'limit',
    headline: first.charAt(0).toLocaleUpperCase(locale) + first.slice(1),
    details: rest,
  };
}

/** Where a payment stands, in plain words; a standing authority is "Active" where a charge is "Approved". */
export function paymentStatusWords(status: TokenStatus, kind: PaymentTerms['kind'], locale: Locale): string {
  const t = createTranslator(paymentTermsMessages, locale);
  if (status === 'valid') return t(kind === 'limit' ? 'active' : 'approved');
  return t(status);
}
