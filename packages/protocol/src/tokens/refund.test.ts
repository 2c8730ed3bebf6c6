import { describe, expect, it } from 'vitest';
import { refundProblem } from './refund.ts';
import { tokenId } from './token.ts';
import { type TransferTokenPayload, transferTokenPayloadSchema } from './transfer-token.ts';

const shopper = 'a'.repeat(43);
const shop = 'b'.repeat(43);
const bank = 'c'.repeat(43);

function payment(from: string, to: string, value: string, currency = 'EUR'): TransferTokenPayload {
  return transferTokenPayloadSchema.parse({
    type: 'TransferToken',
    version: 1,
    nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
    issuer: from,
    from: { memberId: from },
    to: { memberId: to },
    redeemer: to,
    transfer: {
      amount: { value, currency },
      description: 'order',
      refId: 'order-1',
      source: { bankId: bank, accountRef: 'acct-ref-1' },
    },
    conditions: { currency },
    effectiveAt: 1_700_000_000_000,
    expiresAt: 1_800_000_000_000,
  });
}

const original = payment(shopper, shop, '80.00');
const id = tokenId(original);
const refundOf = (p: TransferTokenPayload, of = id): TransferTokenPayload => ({
  ...p,
  transfer: { ...p.transfer, refundOf: of },
});

describe('refund bounds', () => {
  it('keeps the id of a token without refundOf', () => {
    expect(Object.keys(original.transfer)).not.toContain('refundOf');
    expect(tokenId(refundOf(original))).not.toBe(id);
  });

  it('accepts a refund back to the payer within what is left, and refuses a cent more', () => {
    const refund = refundOf(payment(shop, shopper, '50.00'));
    const o = { id, payload: original };
    expect(refundProblem(refund, o, { refund: 5000n, executed: 8000n, otherRefunds: 3000n })).toBeUndefined();
    expect(refundProblem(refund, o, { refund: 5000n, executed: 8000n, otherRefunds: 3001n })?.field).toBe(
      'transfer.amount',
    );
  });

  it('refuses the wrong direction, currency or original', () => {
    const o = { id, payload: original };
    const n = { refund: 100n, executed: 8000n, otherRefunds: 0n };
    expect(refundProblem(refundOf(payment(shopper, shop, '1.00')), o, n)?.field).toBe('from.memberId');
    expect(refundProblem(refundOf(payment(shop, bank, '1.00')), o, n)?.field).toBe('to.memberId');
    expect(refundProblem(refundOf(payment(shop, shopper, '1.00', 'GBP')), o, n)?.field).toBe(
      'transfer.amount.currency',
    );
    expect(refundProblem(refundOf(payment(shop, shopper, '1.00'), 'd'.repeat(43)), o, n)?.field).toBe(
      'transfer.refundOf',
    );
  });
});
