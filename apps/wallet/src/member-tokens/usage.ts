// A member token's usage against each of its limits, as rows the screen shows (and a meter per
// row where there is a bound). Pure: the view comes from the cloud (@tokenos/sdk MemberTokenView).
import { createTranslator, type Locale } from '@tokenos/i18n';
import type { MemberTokenView } from '@tokenos/sdk';
import { countryName, formatDate, formatMoney } from '../format.ts';
import { usageMessages } from './usage.messages.ts';

export interface UsageRow {
  /** Which limit (seed 001 words). */
  limit: 'creditLimit' | 'recurrence' | 'singleUse' | 'amount' | 'subscription' | 'location' | 'merchant';
  label: string;
  /** What has been used, in words ("€12.50 of €50.00"). */
  text: string;
  /** Share used, 0..1, where the limit is a running total; undefined where it is a fixed bound. */
  used?: number;
}

function cents(value: string): number {
  return Math.round(Number(value) * 100);
}

/** Country names in the reader's language, in the order given. */
function countries(codes: readonly string[], tag: string): string {
  return codes.map((c) => countryName(c, tag)).join(', ');
}

/** The rows in `locale`'s words; money and dates formatted for `tag` (the language itself by default). */
export function usageRows(
  token: Pick<MemberTokenView, 'limitations' | 'usage'>,
  now: number,
  locale: Locale,
  tag: string = locale,
): UsageRow[] {
  const t = createTranslator(usageMessages, locale);
  const l = token.limitations;
  const money = (value: string) => formatMoney({ value, currency: l.currency }, tag);
  const rows: UsageRow[] = [];
  const charged = token.usage.total.value;
  const count = token.usage.count;
  if (l.creditLimit !== undefined)
    rows.push({
      limit: 'creditLimit',
      label: t('chargedTotal'),
      text: t('chargedOf', { charged: money(charged), limit: money(l.creditLimit) }),
      used: Math.min(1, cents(charged) / Math.max(1, cents(l.creditLimit))),
    });
  else
    rows.push({
      limit: 'creditLimit',
      label: t('chargedTotal'),
      text: t('chargedNoLimit', { charged: money(charged) }),
    });
  const maxUses = l.singleUse ? 1 : l.maxUses;
  if (maxUses !== undefined)
    rows.push({
      limit: l.singleUse ? 'singleUse' : 'recurrence',
      label: t('charges'),
      text: t(l.singleUse ? 'singleUseOf' : 'usesOf', { count, max: maxUses }),
      used: Math.min(1, count / maxUses),
    });
  else rows.push({ limit: 'recurrence', label: t('charges'), text: t('usesNoLimit', { count }) });
  rows.push({
    limit: 'amount',
    label: t('largest'),
    text: l.amount !== undefined ? money(l.amount) : t('noLimit'),
  });
  if (l.expiresAt !== undefined)
    rows.push({
      limit: 'subscription',
      label: now >= l.expiresAt ? t('ended') : t('usableUntil'),
      text: formatDate(l.expiresAt, tag),
    });
  if (l.location?.countries)
    rows.push({ limit: 'location', label: t('onlyIn'), text: countries(l.location.countries, tag) });
  else if (l.location?.area) rows.push({ limit: 'location', label: t('onlyIn'), text: t('setArea') });
  return rows;
}

/**
 * The limits themselves, in words, for a token not made yet (the approval page). English unless a
 * `locale` is given; money, dates and countries formatted for `tag` (the language by default).
 */
export function limitTerms(
  l: MemberTokenView['limitations'],
  locale: Locale = 'en',
  tag: string = locale,
): { label: string; text: string }[] {
  const t = createTranslator(usageMessages, locale);
  const money = (value: string) => formatMoney({ value, currency: l.currency }, tag);
  const terms = [
    { label: t('largest'), text: l.amount !== undefined ? money(l.amount) : t('noLimit') },
    { label: t('totalAll'), text: l.creditLimit !== undefined ? money(l.creditLimit) : t('noLimit') },
    {
      label: t('numberOfCharges'),
      text: l.singleUse
        ? t('once')
        : l.maxUses !== undefined
          ? t('atMost', { max: l.maxUses })
          : t('noLimit'),
    },
    { label: t('until'), text: l.expiresAt !== undefined ? formatDate(l.expiresAt, tag) : t('revokeIt') },
  ];
  if (l.location?.countries) terms.push({ label: t('onlyIn'), text: countries(l.location.countries, tag) });
  else if (l.location?.area) terms.push({ label: t('onlyIn'), text: t('setArea') });
  return terms;
}
