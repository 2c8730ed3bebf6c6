import { createTranslator } from '@tokenos/i18n';
import { describe, expect, it } from 'vitest';
import { formatMoney, formatWhen } from '../format.ts';
import { approveScreenMessages } from '../screens/ApproveScreen.messages.ts';
import { accessApprovalMessages } from './AccessApproval.messages.ts';
import { paymentApprovalMessages } from './PaymentApproval.messages.ts';

const euros = (value: string, tag: string) => formatMoney({ value, currency: 'EUR' }, tag);
const strip = (parts: unknown[]) => parts.join('');
/** Intl puts a no-break space between number and currency sign; the words are what is checked here. */
const spaces = (text: string) => text.replace(/\s/g, ' ');
const tags = { strong: (chunks: string[]) => chunks.join(''), time: (chunks: string[]) => chunks.join('') };

describe('the approval in words', () => {
  it('the pay button: English as before, other languages with their own money format', () => {
    const en = createTranslator(paymentApprovalMessages, 'en');
    expect(en('payWithPasskey', { amount: euros('224.00', 'en') })).toBe('Pay €224.00 with your passkey');
    expect(en('pay', { amount: euros('12.50', 'en') })).toBe('Pay €12.50');
    const de = createTranslator(paymentApprovalMessages, 'de');
    expect(spaces(de('payWithPasskey', { amount: euros('224.00', 'de') }))).toBe(
      '224,00 € mit Passkey zahlen',
    );
    const pl = createTranslator(paymentApprovalMessages, 'pl');
    expect(spaces(pl('payWithPasskey', { amount: euros('224.00', 'pl') }))).toBe(
      'Zapłać 224,00 € kluczem dostępu',
    );
  });

  it('what the passkey confirms: one sentence, with or without the account and the address', () => {
    const en = createTranslator(paymentApprovalMessages, 'en');
    const base = { amount: '€224.00', payee: 'Demo Shop', domain: 'shop.test', ...tags };
    const full = {
      ...base,
      source: 'yes',
      account: 'Main ••1234',
      ship: 'yes',
      city: 'Berlin',
      recipient: 'Ada',
    };
    expect(strip(en.rich('confirming', full))).toBe(
      'Pay €224.00 to Demo Shop (shop.test) from Main ••1234, and share the shipping address Berlin (Ada).',
    );
    expect(
      strip(
        en.rich('confirming', { ...base, source: 'no', account: '', ship: 'no', city: '', recipient: '' }),
      ),
    ).toBe('Pay €224.00 to Demo Shop (shop.test).');
  });

  it('the used link: when it was paid, through Intl, in one sentence', () => {
    const at = Date.UTC(2026, 11, 7, 16, 36);
    const en = createTranslator(approveScreenMessages, 'en');
    const sentence = strip(
      en.rich('paidBody', {
        amount: '€12.50',
        name: 'Demo Shop',
        sameDay: 'yes',
        when: formatWhen(at, at, 'en-GB'),
        ...tags,
      }),
    );
    expect(sentence).toMatch(
      /^You paid €12\.50 to Demo Shop at \d{1,2}:\d{2}\. This request is done: it cannot be paid again\.$/,
    );
    const de = createTranslator(approveScreenMessages, 'de');
    expect(
      strip(
        de.rich('paidBody', {
          amount: '12,50 €',
          name: 'Demo Shop',
          sameDay: 'no',
          when: '7. Dez.',
          ...tags,
        }),
      ),
    ).toContain('am 7. Dez.');
  });

  it('days and accounts counted with each language’s plural forms', () => {
    const pl = createTranslator(accessApprovalMessages, 'pl');
    expect(pl('days', { days: 1, asked: 'no' })).toBe('1 dzień');
    expect(pl('days', { days: 7, asked: 'no' })).toBe('7 dni');
    expect(createTranslator(accessApprovalMessages, 'en')('days', { days: 90, asked: 'yes' })).toBe(
      '90 days (as asked)',
    );
  });
});
