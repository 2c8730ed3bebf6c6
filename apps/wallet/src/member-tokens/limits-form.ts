// The "new member token" form as plain data: what the inputs hold (strings, as typed), and the
// limitations they make, checked by the protocol's own schema so the wallet never sends what the
// cloud would refuse. Pure, so every rule is unit-tested without a DOM.
import { hashIdSchema, type MemberTokenLimitations, memberTokenLimitationsSchema } from '@tokenos/protocol';

export interface LimitsForm {
  /** The merchant: its DOMAIN alias (shop.example) or its member id. */
  merchant: string;
  /** Largest single charge ("Amount" in seed 001), empty for none. */
  amount: string;
  /** Total of all charges ("Credit Limit"), empty for none. */
  creditLimit: string;
  /** Last day it can be used, yyyy-mm-dd ("Subscription"), empty for none. */
  expiresOn: string;
  /** How many charges at most ("Recurrence"), empty for no limit. */
  maxUses: string;
  singleUse: boolean;
  /** ISO 3166 country codes, comma-separated ("Location"), empty for anywhere. */
  countries: string;
  loyalty: boolean;
  /**
   * The user's worded "I allow charges without a limit": asked for only when no cap is set, so a
   * token without any bound is never made by leaving fields empty.
   */
  noLimit: boolean;
}

export const emptyLimitsForm: LimitsForm = {
  merchant: '',
  amount: '',
  creditLimit: '',
  expiresOn: '',
  maxUses: '',
  singleUse: false,
  countries: '',
  loyalty: false,
  noLimit: false,
};

export type FormField = keyof LimitsForm;
/**
 * What is wrong with a field, as a code: the form says it in the reader's language
 * (CreateMemberTokenForm.messages.ts has a message for each).
 */
export type FormErrorCode =
  | 'merchantInvalid'
  | 'merchantUnknown'
  | 'amountInvalid'
  | 'amountOverTotal'
  | 'dateInvalid'
  | 'datePast'
  | 'usesInvalid'
  | 'usesSingle'
  | 'noLimit'
  | 'countriesInvalid'
  | 'invalid';
export type FormErrors = Partial<Record<FormField, FormErrorCode>>;

/** A merchant reference: a member id as is, anything else a DOMAIN alias (lowercased, no scheme or path). */
export type MerchantRef = { kind: 'member'; memberId: string } | { kind: 'domain'; domain: string };

export function parseMerchant(text: string): MerchantRef | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (hashIdSchema.safeParse(value).success) return { kind: 'member', memberId: value };
  let host = value.toLowerCase();
  // People paste URLs: keep the host (with its port), drop the rest.
  if (/^https?:\/\//.test(host)) {
    if (!URL.canParse(host)) return undefined;
    host = new URL(host).host;
  }
  host = host.replace(/\/+$/, '');
  return /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$/.test(host) && host.length <= 253
    ? { kind: 'domain', domain: host }
    : undefined;
}

const fieldOfLimitation: Record<string, FormField> = {
  amount: 'amount',
  creditLimit: 'creditLimit',
  expiresAt: 'expiresOn',
  maxUses: 'maxUses',
  singleUse: 'singleUse',
  location: 'countries',
  merchantId: 'merchant',
};

/**
 * Does the form set no bound on what can be charged (no single or total amount, no end date, no
 * count)? Countries narrow where, not how much, so they do not count as a limit.
 */
export function setsNoLimit(form: LimitsForm): boolean {
  return (
    form.amount.trim() === '' &&
    form.creditLimit.trim() === '' &&
    form.expiresOn === '' &&
    form.maxUses.trim() === '' &&
    !form.singleUse
  );
}

/** End of the chosen day in the user's time zone: "until 31 March" includes 31 March. */
export function endOfDay(isoDate: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return undefined;
  const at = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999);
  return at.getMonth() === Number(m[2]) - 1 ? at.getTime() : undefined;
}

/**
 * The limitations the form describes for `merchantId` in `currency`, or the errors by field.
 * The wallet always passes the merchant (checking the rest first, before it resolves the name): a
 * token any merchant could charge is not one a wallet should hand out.
 */
export function limitationsFromForm(
  form: LimitsForm,
  o: { currency: string; merchantId?: string; now: number },
): { ok: true; limitations: MemberTokenLimitations } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const l: Record<string, unknown> = { currency: o.currency };
  if (o.merchantId !== undefined) l.merchantId = o.merchantId;
  const money = (field: 'amount' | 'creditLimit') => {
    const text = form[field].trim().replace(',', '.');
    if (text === '') return;
    if (!/^\d+(\.\d{1,2})?$/.test(text) || Number(text) <= 0) errors[field] = 'amountInvalid';
    else l[field] = Number(text).toFixed(2);
  };
  money('amount');
  money('creditLimit');
  if (
    l.amount !== undefined &&
    l.creditLimit !== undefined &&
    Number(l.amount) > Number(l.creditLimit) &&
    !errors.amount
  )
    errors.amount = 'amountOverTotal';
  if (form.expiresOn !== '') {
    const at = endOfDay(form.expiresOn);
    if (at === undefined) errors.expiresOn = 'dateInvalid';
    else if (at <= o.now) errors.expiresOn = 'datePast';
    else l.expiresAt = at;
  }
  if (form.singleUse) l.singleUse = true;
  const uses = form.maxUses.trim();
  if (uses !== '') {
    if (!/^\d{1,7}$/.test(uses) || Number(uses) < 1 || Number(uses) > 1_000_000)
      errors.maxUses = 'usesInvalid';
    else if (form.singleUse && Number(uses) > 1) errors.maxUses = 'usesSingle';
    else l.maxUses = Number(uses);
  }
  if (setsNoLimit(form) && !form.noLimit) errors.noLimit = 'noLimit';
  const countries = form.countries
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (countries.length > 0) {
    if (!countries.every((c) => /^[A-Z]{2}$/.test(c))) errors.countries = 'countriesInvalid';
    else l.location = { countries: [...new Set(countries)] };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = memberTokenLimitationsSchema.safeParse(l);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfLimitation[String(issue.path[0])] ?? 'amount';
      errors[field] ??= 'invalid';
    }
    return { ok: false, errors };
  }
  return { ok: true, limitations: parsed.data };
}
