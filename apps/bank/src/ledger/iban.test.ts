import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoIban, formatIban, ibanCheckDigits, isValidIban, makeIban, maskAccountNumber } from './iban.ts';

describe('IBAN (ISO 13616)', () => {
  // The examples published in the SWIFT IBAN registry and by the European Committee for Banking Standards.
  it('accepts the registry examples and recomputes their check digits', () => {
    for (const iban of [
      'GB82WEST12345698765432',
      'DE89370400440532013000',
      'FR1420041010050500013M02606',
      'XK051212012345678906',
    ]) {
      expect(isValidIban(iban)).toBe(true);
      expect(ibanCheckDigits(iban.slice(0, 2), iban.slice(4))).toBe(iban.slice(2, 4));
    }
  });

  it('refuses a changed digit, swapped digits and the wrong format', () => {
    expect(isValidIban('GB82WEST12345698765433')).toBe(false);
    expect(isValidIban('GB82WEST12345698765423')).toBe(false);
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(false);
    expect(isValidIban('gb82west12345698765432')).toBe(false);
  });

  it('issues demo IBANs that validate and whose mask shows the last four only', () => {
    const iban = demoIban('IRON', '401276', 10000001);
    expect(iban).toMatch(/^GB[0-9]{2}IRON40127610000001$/);
    expect(isValidIban(iban)).toBe(true);
    expect(maskAccountNumber(iban)).toBe('**** 0001');
    expect(formatIban('GB82WEST12345698765432')).toBe('GB82 WEST 1234 5698 7654 32');
  });

  it('detects every single-character substitution (MOD 97-10 property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 4, max: 21 }),
        fc.integer({ min: 1, max: 9 }),
        (n, pos, delta) => {
          const iban = demoIban('GOLD', '601613', n);
          expect(isValidIban(iban)).toBe(true);
          const ch = iban[pos]!;
          const changed = /[0-9]/.test(ch)
            ? String((Number(ch) + delta) % 10)
            : String.fromCharCode(((ch.charCodeAt(0) - 65 + delta) % 26) + 65);
          expect(isValidIban(iban.slice(0, pos) + changed + iban.slice(pos + 1))).toBe(false);
        },
      ),
    );
  });

  it('makeIban and isValidIban agree on random BBANs', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{10,30}$/), (bban) => {
        expect(isValidIban(makeIban('XK', bban))).toBe(true);
      }),
    );
  });
});
