import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyCodes, currencyExponents } from './currencies.ts';
import { ProtocolError } from './errors.ts';
import {
  formatAmount,
  MAX_AMOUNT_MINOR,
  moneySchema,
  moneySchemaWith,
  parseAmount,
  toMoney,
} from './money.ts';

function invalidAmount(run: () => unknown): ProtocolError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    expect((e as ProtocolError).code).toBe('InvalidAmount');
    return e as ProtocolError;
  }
  throw new Error('expected ProtocolError(InvalidAmount), nothing was thrown');
}

describe('parseAmount', () => {
  it('reads minor units by the ISO 4217 exponent', () => {
    expect(parseAmount('10.50', 'EUR')).toBe(1050n);
    expect(parseAmount('10.5', 'EUR')).toBe(1050n);
    expect(parseAmount('10', 'EUR')).toBe(1000n);
    expect(parseAmount('0.01', 'GBP')).toBe(1n);
    expect(parseAmount('1050', 'JPY')).toBe(1050n);
    expect(parseAmount('1.050', 'KWD')).toBe(1050n);
    expect(parseAmount('0.001', 'BHD')).toBe(1n);
    expect(parseAmount('1.2345', 'CLF')).toBe(12345n);
  });

  it.each([
    ['a number', 10.5],
    ['a bigint', 1050n],
    ['null', null],
    ['an object', { value: '1' }],
  ])('refuses %s: the wire carries strings only', (_, input) => {
    const e = invalidAmount(() => parseAmount(input, 'EUR'));
    expect(e.message).toMatch(/expected a decimal string/);
  });

  it.each([
    ['', 'empty'],
    [' 10.00', 'leading space'],
    ['10.00 ', 'trailing space'],
    ['1 000', 'inner space'],
    ['+10.00', 'leading plus'],
    ['1e3', 'exponent'],
    ['1E3', 'upper-case exponent'],
    ['01.00', 'leading zero'],
    ['00', 'double zero'],
    ['.50', 'no integer part'],
    ['10.', 'no fraction digits'],
    ['10,50', 'decimal comma'],
    ['0x10', 'hex'],
    ['Infinity', 'infinity'],
    ['NaN', 'NaN'],
    ['１０', 'full-width digits'],
    ['10.5\n', 'trailing newline'],
  ])('refuses %j (%s)', (input) => {
    const e = invalidAmount(() => parseAmount(input, 'EUR', { field: 'payload.amount' }));
    expect(e.field).toBe('payload.amount');
    expect(e.message).toContain('payload.amount: expected a plain decimal string');
    expect(e.message).toContain(`got ${JSON.stringify(input)}`);
  });

  it('refuses more decimals than the currency has, stating both', () => {
    expect(invalidAmount(() => parseAmount('10.505', 'EUR')).message).toBe(
      'amount: expected at most 2 decimals for EUR (ISO 4217 minor unit), got 3 in "10.505"',
    );
    invalidAmount(() => parseAmount('10.0', 'JPY'));
    invalidAmount(() => parseAmount('1.0500', 'KWD'));
  });

  it('refuses zero and negatives unless allowed', () => {
    expect(invalidAmount(() => parseAmount('0.00', 'EUR')).message).toMatch(/greater than zero/);
    expect(invalidAmount(() => parseAmount('-1.00', 'EUR')).message).toMatch(/positive amount, got "-1.00"/);
    expect(parseAmount('0', 'EUR', { allowZero: true })).toBe(0n);
    expect(parseAmount('0.00', 'EUR', { allowZero: true })).toBe(0n);
    expect(parseAmount('-1.25', 'EUR', { allowNegative: true })).toBe(-125n);
    invalidAmount(() => parseAmount('-0', 'EUR', { allowZero: true, allowNegative: true }));
    invalidAmount(() => parseAmount('-0.00', 'EUR', { allowZero: true, allowNegative: true }));
    invalidAmount(() => parseAmount('-0.00', 'EUR', { allowNegative: true }));
  });

  it('accepts up to 10^15 minor units and refuses one more', () => {
    expect(parseAmount('10000000000000.00', 'EUR')).toBe(MAX_AMOUNT_MINOR);
    expect(parseAmount('1000000000000000', 'JPY')).toBe(MAX_AMOUNT_MINOR);
    expect(invalidAmount(() => parseAmount('10000000000000.01', 'EUR')).message).toMatch(
      /at most 10000000000000.00 EUR/,
    );
    invalidAmount(() => parseAmount('1000000000000001', 'JPY'));
    invalidAmount(() => parseAmount('-10000000000000.01', 'EUR', { allowNegative: true }));
    invalidAmount(() => parseAmount('9'.repeat(100_000), 'EUR'));
  });

  it('refuses an unknown or lower-case currency', () => {
    invalidAmount(() => parseAmount('1.00', 'eur'));
    invalidAmount(() => parseAmount('1.00', 'XXX'));
    invalidAmount(() => parseAmount('1.00', 'HRK'));
  });
});

describe('formatAmount', () => {
  it('writes exactly the exponent in decimals', () => {
    expect(formatAmount(1050n, 'EUR')).toBe('10.50');
    expect(formatAmount(1n, 'EUR')).toBe('0.01');
    expect(formatAmount(0n, 'EUR')).toBe('0.00');
    expect(formatAmount(-5n, 'EUR')).toBe('-0.05');
    expect(formatAmount(1050n, 'JPY')).toBe('1050');
    expect(formatAmount(1050n, 'KWD')).toBe('1.050');
    expect(formatAmount(7n, 'CLF')).toBe('0.0007');
  });

  it('refuses amounts beyond the bound, so everything it writes parses back', () => {
    invalidAmount(() => formatAmount(MAX_AMOUNT_MINOR + 1n, 'EUR'));
    invalidAmount(() => formatAmount(-MAX_AMOUNT_MINOR - 1n, 'EUR'));
    invalidAmount(() => formatAmount(1050 as unknown as bigint, 'EUR'));
    invalidAmount(() => formatAmount(1n, 'ABC'));
  });

  it('toMoney builds the wire object', () => {
    expect(toMoney(224_00n, 'EUR')).toEqual({ value: '224.00', currency: 'EUR' });
  });
});

describe('properties', () => {
  const currency = fc.constantFrom(...currencyCodes);
  const minor = fc.bigInt({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR });

  it('parseAmount(formatAmount(n)) === n for every bigint in range and every currency', () => {
    fc.assert(
      fc.property(minor, currency, (n, c) => {
        expect(parseAmount(formatAmount(n, c), c, { allowZero: true, allowNegative: true })).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('formatAmount(parseAmount(x)) is x padded to the exponent, for any valid decimal x', () => {
    const decimal = currency.chain((c) => {
      const exp = currencyExponents[c];
      return fc
        .record({
          negative: fc.boolean(),
          whole: fc.bigInt({ min: 0n, max: MAX_AMOUNT_MINOR / 10n ** BigInt(exp) - 1n }),
          fraction: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: exp }),
        })
        .map(({ negative, whole, fraction }) => {
          const text = `${whole}${fraction ? `.${fraction}` : ''}`;
          return { c, exp, text: negative && /[1-9]/.test(text) ? `-${text}` : text };
        });
    });
    fc.assert(
      fc.property(decimal, ({ c, exp, text }) => {
        const formatted = formatAmount(parseAmount(text, c, { allowZero: true, allowNegative: true }), c);
        const [whole = '', fraction = ''] = text.split('.');
        expect(formatted).toBe(exp === 0 ? whole : `${whole}.${fraction.padEnd(exp, '0')}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts how JavaScript prints very large or very small numbers (exponent form)', () => {
    const huge = fc.double({ min: 1e21, max: 1e300, noNaN: true });
    const tiny = fc.double({ min: 1e-300, max: 9e-7, noNaN: true });
    fc.assert(
      fc.property(fc.oneof(huge, tiny), fc.boolean(), (d, negative) => {
        const text = String(negative ? -d : d);
        expect(text).toMatch(/e/);
        expect(() => parseAmount(text, 'EUR', { allowNegative: true, allowZero: true })).toThrow(
          ProtocolError,
        );
      }),
    );
  });
});

describe('moneySchema', () => {
  it('accepts a canonical or shorter amount', () => {
    expect(moneySchema.parse({ value: '10.5', currency: 'EUR' })).toEqual({ value: '10.5', currency: 'EUR' });
  });

  it('reports too many decimals on the value field, with expected and actual', () => {
    const r = moneySchema.safeParse({ value: '10.505', currency: 'EUR' });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({
        path: ['value'],
        message: 'expected at most 2 decimals for EUR (ISO 4217 minor unit), got 3 in "10.505"',
      }),
    ]);
  });

  it('reports bad syntax once, on value', () => {
    const r = moneySchema.safeParse({ value: '1e3', currency: 'EUR' });
    expect(r.error?.issues.map((i) => i.path)).toEqual([['value']]);
  });

  it('refuses numbers, unknown currencies and unknown keys', () => {
    expect(moneySchema.safeParse({ value: 10.5, currency: 'EUR' }).success).toBe(false);
    const bad = moneySchema.safeParse({ value: '10.50', currency: 'EURO' });
    expect(bad.error?.issues[0]?.path).toEqual(['currency']);
    expect(bad.error?.issues[0]?.message).toBe(
      'expected an active ISO 4217 currency code such as "EUR", got "EURO"',
    );
    expect(moneySchema.safeParse({ value: '10.50', currency: 'EUR', note: 'x' }).success).toBe(false);
  });

  it('refuses zero by default; the factory can allow zero and negatives', () => {
    expect(moneySchema.safeParse({ value: '0.00', currency: 'EUR' }).success).toBe(false);
    expect(moneySchemaWith({ allowZero: true }).safeParse({ value: '0.00', currency: 'EUR' }).success).toBe(
      true,
    );
    expect(
      moneySchemaWith({ allowNegative: true }).safeParse({ value: '-3.10', currency: 'EUR' }).success,
    ).toBe(true);
    expect(moneySchema.safeParse({ value: '-3.10', currency: 'EUR' }).success).toBe(false);
  });
});
