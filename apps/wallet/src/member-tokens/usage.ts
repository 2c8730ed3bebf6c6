// A member token's usage against each of its limits, as rows the screen shows (and a meter per
// row where there is a bound). Pure: the view comes from the cloud (@tokenos/sdk MemberTokenView).
import type { MemberTokenView } from '@tokenos/sdk';
import { formatDate, formatMoney } from '../format.ts';

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

export function usageRows(token: Pick<MemberTokenView, 'limitations' | 'usage'>, now: number): UsageRow[] {
  const l = token.limitations;
  const money = (value: string) => formatMoney({ value, currency: l.currency });
  const rows: UsageRow[] = [];
  const charged = token.usage.total.value;
  const count = token.usage.count;
  if (l.creditLimit !== undefined)
    rows.push({
      limit: 'creditLimit',
      label: 'Charged in total',
      text: `${money(charged)} of ${money(l.creditLimit)}`,
      used: Math.min(1, cents(charged) / Math.max(1, cents(l.creditLimit))),
    });
  else
    rows.push({ limit: 'creditLimit', label: 'Charged in total', text: `${money(charged)}, no total limit` });
  const maxUses = l.singleUse ? 1 : l.maxUses;
  if (maxUses !== undefined)
    rows.push({
      limit: l.singleUse ? 'singleUse' : 'recurrence',
      label: 'Charges',
      text: `${count} of ${maxUses}${l.singleUse ? ' (single use)' : ''}`,
      used: Math.min(1, count / maxUses),
    });
  else rows.push({ limit: 'recurrence', label: 'Charges', text: `${count}, no limit` });
  rows.push({
    limit: 'amount',
    label: 'Largest single charge',
    text: l.amount !== undefined ? money(l.amount) : 'No limit',
  });
  if (l.expiresAt !== undefined)
    rows.push({
      limit: 'subscription',
      label: now >= l.expiresAt ? 'Ended' : 'Usable until',
      text: formatDate(l.expiresAt),
    });
  if (l.location?.countries)
    rows.push({ limit: 'location', label: 'Only in', text: l.location.countries.join(', ') });
  else if (l.location?.area) rows.push({ limit: 'location', label: 'Only in', text: 'A set area' });
  return rows;
}

/** The limits themselves, in words, for a token not made yet (the approval page). */
export function limitTerms(l: MemberTokenView['limitations']): { label: string; text: string }[] {
  const money = (value: string) => formatMoney({ value, currency: l.currency });
  const terms = [
    { label: 'Largest single charge', text: l.amount !== undefined ? money(l.amount) : 'No limit' },
    { label: 'Total of all charges', text: l.creditLimit !== undefined ? money(l.creditLimit) : 'No limit' },
    {
      label: 'Number of charges',
      text: l.singleUse ? 'Once' : l.maxUses !== undefined ? `At most ${l.maxUses}` : 'No limit',
    },
    { label: 'Until', text: l.expiresAt !== undefined ? formatDate(l.expiresAt) : 'You revoke it' },
  ];
  if (l.location?.countries) terms.push({ label: 'Only in', text: l.location.countries.join(', ') });
  else if (l.location?.area) terms.push({ label: 'Only in', text: 'A set area' });
  return terms;
}
