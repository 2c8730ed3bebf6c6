import { z } from 'zod';
import {
  type CurrencyCode,
  currencyExponent,
  currencySchema,
  describeInput,
  isCurrencyCode,
} from './currencies.ts';
import { ProtocolError } from './errors.ts';

/**
 * Money on the wire is a decimal string with its ISO 4217 currency ({ value: "10.50", currency:
 * "EUR" }); inside, an amount is a bigint count of minor units (1050n). Never a float: 0.1 + 0.2 is
 * not 0.3, and JSON numbers lose precision past 2^53 in most clients (ARCHITECTURE.md, "Money").
 */

/**
 * The largest magnitude accepted, in minor units: 10^15 (ten trillion euros). It sits below 2^53,
 * so every accepted amount is also exact as a JavaScript or JSON number for clients that convert,
 * and thousands of them still sum inside a PostgreSQL bigint. No real payment comes near it, so a
 * larger value is a bug or an attack.
 */
export const MAX_AMOUNT_MINOR = 10n ** 15n;

// Plain decimal notation only: optional '-', an integer part without leading zeros, optionally '.'
// and at least one digit. This rejects '+1', '1e3', ' 1', '01.00', '.5', '5.', '1,5' and ''.
const decimalPattern = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

export interface AmountOptions {
  /** Accept "0" / "0.00" (default false: an amount to pay must be positive). */
  allowZero?: boolean;
  /** Accept a leading '-' (default false; for balances and refunds, never for limits). */
  allowNegative?: boolean;
  /** Name of the field at fault, carried in the error (default "amount"). */
  field?: string;
}

type Checked = { ok: true; minor: bigint } | { ok: false; message: string };

function checkAmount(decimal: unknown, currency: unknown, options: AmountOptions): Checked {
  if (!isCurrencyCode(currency)) {
    return {
      ok: false,
      message: `expected an active ISO 4217 currency code, got ${describeInput(currency)}`,
    };
  }
  if (typeof decimal !== 'string') {
    return { ok: false, message: `expected a decimal string such as "10.50", got ${describeInput(decimal)}` };
  }
  const match = decimalPattern.exec(decimal);
  if (match === null) {
    return {
      ok: false,
      message:
        'expected a plain decimal string such as "10.50" (digits, no leading zeros, no "+", no exponent, ' +
        `no spaces), got ${describeInput(decimal)}`,
    };
  }
  const [, sign = '', whole = '0', fraction = ''] = match;
  const exponent = currencyExponent(currency);
  if (fraction.length > exponent) {
    return {
      ok: false,
      message: `expected at most ${exponent} decimals for ${currency} (ISO 4217 minor unit), got ${fraction.length} in ${describeInput(decimal)}`,
    };
  }
  // 10^15 minor units never needs more than 16 integer digits; refusing longer input first keeps
  // BigInt() from ever parsing a hostile megabyte of digits.
  const magnitude =
    whole.length > 16 ? MAX_AMOUNT_MINOR + 1n : BigInt(whole + fraction.padEnd(exponent, '0'));
  if (magnitude > MAX_AMOUNT_MINOR) {
    return {
      ok: false,
      message: `expected a magnitude of at most ${formatMinor(MAX_AMOUNT_MINOR, exponent)} ${currency}, got ${describeInput(decimal)}`,
    };
  }
  if (sign === '-') {
    if (magnitude === 0n)
      return { ok: false, message: `expected a canonical zero "0", got ${describeInput(decimal)}` };
    if (options.allowNegative !== true) {
      return { ok: false, message: `expected a positive amount, got ${describeInput(decimal)}` };
    }
    return { ok: true, minor: -magnitude };
  }
  if (magnitude === 0n && options.allowZero !== true) {
    return { ok: false, message: `expected an amount greater than zero, got ${describeInput(decimal)}` };
  }
  return { ok: true, minor: magnitude };
}

/**
 * Parses a wire decimal string into minor units of `currency`: `parseAmount('10.5', 'EUR')` is
 * 1050n. Fewer decimals than the currency's exponent are accepted, more are refused (no rounding,
 * ever). `decimal` is typed `unknown` because the point is to refuse JSON numbers at the edge.
 * Throws ProtocolError('InvalidAmount') naming `options.field`.
 */
export function parseAmount(decimal: unknown, currency: string, options: AmountOptions = {}): bigint {
  const field = options.field ?? 'amount';
  const checked = checkAmount(decimal, currency, options);
  if (!checked.ok) {
    throw new ProtocolError('InvalidAmount', `${field}: ${checked.message}`, { field, actual: decimal });
  }
  return checked.minor;
}

function formatMinor(minor: bigint, exponent: number): string {
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  const cut = digits.length - exponent;
  const text = exponent === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return minor < 0n ? `-${text}` : text;
}

/**
 * The canonical wire form of `minor` units of `currency`: always exactly the currency's exponent in
 * decimals ('10.50' EUR, '1050' JPY, '1.050' KWD), so equal amounts have equal strings and equal
 * token ids. Throws ProtocolError('InvalidAmount') outside ±MAX_AMOUNT_MINOR, so whatever this
 * formats, parseAmount accepts.
 */
export function formatAmount(minor: bigint, currency: string): string {
  if (!isCurrencyCode(currency)) {
    throw new ProtocolError(
      'InvalidAmount',
      `currency: expected an active ISO 4217 currency code, got ${describeInput(currency)}`,
      { field: 'currency', actual: currency },
    );
  }
  if (typeof minor !== 'bigint') {
    throw new ProtocolError(
      'InvalidAmount',
      `amount: expected a bigint of minor units, got ${describeInput(minor)}`,
      {
        field: 'amount',
        actual: minor,
      },
    );
  }
  if (minor > MAX_AMOUNT_MINOR || minor < -MAX_AMOUNT_MINOR) {
    throw new ProtocolError(
      'InvalidAmount',
      `amount: expected a magnitude of at most ${MAX_AMOUNT_MINOR} minor units, got ${minor}`,
      { field: 'amount', actual: minor },
    );
  }
  return formatMinor(minor, currencyExponent(currency));
}

/** Syntax only (the decimals allowed depend on the currency, checked where the currency is known). */
export const decimalStringSchema = z.string().regex(decimalPattern, {
  error: (issue) =>
    `expected a plain decimal string such as "10.50" (no leading zeros, "+", exponent or spaces), got ${describeInput(issue.input)}`,
});

/**
 * Schema factory for a money object `{ value, currency }`. The value's syntax is checked field by
 * field; its decimals against the currency's exponent, the bound and the sign in a refinement that
 * reports the issue on `value`.
 */
export function moneySchemaWith(options: Omit<AmountOptions, 'field'> = {}) {
  return z
    .strictObject({ value: decimalStringSchema, currency: currencySchema })
    .superRefine((money, ctx) => {
      // zod runs this refinement even when `value` already failed its regex; report each fault once.
      if (!decimalPattern.test(money.value) || !isCurrencyCode(money.currency)) return;
      const checked = checkAmount(money.value, money.currency, options);
      if (!checked.ok)
        ctx.addIssue({ code: 'custom', path: ['value'], message: checked.message, input: money.value });
    });
}

/** A payable amount: strictly positive, within the bound, decimals allowed by its currency. */
export const moneySchema = moneySchemaWith();

export interface Money {
  value: string;
  currency: CurrencyCode;
}

/** The wire object for `minor` units of `currency`, in canonical form. */
export function toMoney(minor: bigint, currency: CurrencyCode): Money {
  return { value: formatAmount(minor, currency), currency };
}
