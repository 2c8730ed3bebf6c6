/**
 * IBANs (ISO 13616-1:2020). The demo banks issue GB-structured IBANs whose 4-letter bank code is
 * the bank's own (IRON, GOLD): `GBkk IRON ssss ssaa aaaa aa`, 6-digit sort code and 8-digit
 * account number. No real UK bank uses those codes, so the numbers are obviously fake, yet every
 * one carries a correct ISO 7064 MOD 97-10 check, so IBAN validators accept them.
 */

/** ISO 13616 §6.3: letters count as 10..35; the number is taken mod 97 digit by digit (no bigint needed). */
function mod97(text: string): number {
  let rest = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const value = code >= 48 && code <= 57 ? code - 48 : code - 55;
    rest = value < 10 ? (rest * 10 + value) % 97 : (rest * 100 + value) % 97;
  }
  return rest;
}

const countryPattern = /^[A-Z]{2}$/;
const bbanPattern = /^[0-9A-Z]{1,30}$/;

/** The two check digits for `country` and `bban` (ISO 13616 §6.1: 98 - (BBAN + country + "00") mod 97). */
export function ibanCheckDigits(country: string, bban: string): string {
  if (!countryPattern.test(country))
    throw new RangeError(`country: expected two capital letters, got ${JSON.stringify(country)}`);
  if (!bbanPattern.test(bban))
    throw new RangeError(`bban: expected 1-30 digits or capital letters, got ${JSON.stringify(bban)}`);
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
}

export function makeIban(country: string, bban: string): string {
  return `${country}${ibanCheckDigits(country, bban)}${bban}`;
}

/** Electronic format (no spaces), country, check digits and BBAN, and a remainder of 1 mod 97. */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[0-9A-Z]{1,30}$/.test(iban)) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** A UK-structured BBAN: bank code (4 letters), sort code (6 digits), account number (8 digits). */
export function demoIban(bankCode: string, sortCode: string, accountNumber: number): string {
  if (!/^[A-Z]{4}$/.test(bankCode))
    throw new RangeError(`bankCode: expected four capital letters, got ${JSON.stringify(bankCode)}`);
  if (!/^[0-9]{6}$/.test(sortCode))
    throw new RangeError(`sortCode: expected six digits, got ${JSON.stringify(sortCode)}`);
  if (!Number.isInteger(accountNumber) || accountNumber < 0 || accountNumber > 99_999_999)
    throw new RangeError(`accountNumber: expected 0..99999999, got ${accountNumber}`);
  return makeIban('GB', `${bankCode}${sortCode}${String(accountNumber).padStart(8, '0')}`);
}

/** The only form an account number takes outside the bank: `**** 1234`. */
export function maskAccountNumber(iban: string): string {
  return `**** ${iban.slice(-4)}`;
}

/** Print format (ISO 13616 §5.3): groups of four, for people. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}
