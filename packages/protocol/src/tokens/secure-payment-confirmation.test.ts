import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { checkSpcPayment, SPC_CLIENT_DATA_TYPE, type SpcExpectation } from './secure-payment-confirmation.ts';

const expected: SpcExpectation = {
  amount: { value: '12.50', currency: 'EUR' },
  rpId: 'wallet.example',
  walletOrigins: ['https://wallet.example'],
  payeeOrigins: ['https://shop.example'],
};

/** clientDataJSON of an SPC assertion as Chrome writes it (SPC §4.1.3), with `payment` overridden. */
function clientData(payment: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: SPC_CLIENT_DATA_TYPE,
    challenge: 'AAAA',
    origin: 'https://wallet.example',
    crossOrigin: false,
    payment: {
      rpId: 'wallet.example',
      topOrigin: 'https://wallet.example',
      payeeName: 'Example Shop',
      payeeOrigin: 'https://shop.example',
      total: { value: '12.50', currency: 'EUR' },
      instrument: { displayName: 'Iron Bank, Savings', icon: 'https://wallet.example/icon.png' },
      ...payment,
    },
  };
}

function refusal(data: Record<string, unknown>, exp: SpcExpectation = expected): ProtocolError {
  try {
    checkSpcPayment(data, exp, 'sca.assertion.clientDataJSON');
  } catch (e) {
    if (e instanceof ProtocolError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('checkSpcPayment', () => {
  it('accepts what the browser showed when it is the token: amount, payee and wallet', () => {
    expect(() => checkSpcPayment(clientData(), expected, 'f')).not.toThrow();
    // The same amount written with fewer decimals is the same amount.
    expect(() =>
      checkSpcPayment(clientData({ total: { value: '12.5', currency: 'EUR' } }), expected, 'f'),
    ).not.toThrow();
  });

  it('accepts a shown payee name when the verifier cannot resolve the payee domain itself', () => {
    const { payeeOrigins: _, ...bankView } = expected;
    expect(() =>
      checkSpcPayment(clientData({ payeeOrigin: undefined }), bankView, 'sca.assertion.clientDataJSON'),
    ).not.toThrow();
  });

  it.each([
    ['a different amount', { total: { value: '125.00', currency: 'EUR' } }, 'total'],
    ['another currency', { total: { value: '12.50', currency: 'USD' } }, 'total'],
    ['decimals the currency cannot carry', { total: { value: '12.505', currency: 'EUR' } }, 'total'],
    ['another payee', { payeeOrigin: 'https://evil.example' }, 'payeeOrigin'],
    ['no payee origin where one is vouched for', { payeeOrigin: undefined }, 'payeeOrigin'],
    ['another relying party', { rpId: 'evil.example' }, 'rpId'],
    ['a page other than the wallet', { topOrigin: 'https://evil.example' }, 'topOrigin'],
    ['no instrument', { instrument: undefined }, 'instrument'],
  ])('refuses %s, naming the field', (_, payment, field) => {
    const e = refusal(clientData(payment));
    expect(e.code).toBe('ScaFailed');
    expect(e.field).toBe(`sca.assertion.clientDataJSON.payment.${field}`);
  });

  it('refuses an assertion that carries no payment at all', () => {
    const { payment: _, ...plain } = clientData();
    expect(refusal(plain).field).toBe('sca.assertion.clientDataJSON.payment');
  });

  it('refuses when no payee was shown, even where the verifier vouches for none', () => {
    const { payeeOrigins: _, ...bankView } = expected;
    const e = refusal(clientData({ payeeOrigin: undefined, payeeName: undefined }), bankView);
    expect(e.field).toBe('sca.assertion.clientDataJSON.payment.payeeOrigin');
  });
});
