import { describe, expect, it } from 'vitest';
import { tokenRequestSchema } from './token-request.ts';

const hash = 'A'.repeat(43);
const request = {
  type: 'TokenRequest',
  version: 1,
  nonce: 'N'.repeat(22),
  signer: { memberId: hash, keyId: 'K'.repeat(22) },
  createdAt: 1_700_000_000_000,
  expiresAt: 1_700_000_600_000,
  body: {
    kind: 'transfer',
    amount: { value: '37.00', currency: 'EUR' },
    description: 'Demo Shop order 42',
    refId: 'order-42',
    lineItems: [
      { description: 'House espresso beans', quantity: 2, amount: { value: '25.00', currency: 'EUR' } },
      { description: 'Filter papers', quantity: 1, amount: { value: '12.00', currency: 'EUR' } },
    ],
  },
  requester: { name: 'Demo Shop', domain: 'shop.example' },
  returnOrigin: 'https://shop.example',
  state: 'S'.repeat(43),
  signature: 'c2ln',
};

describe('a payment request’s line items (issue 14)', () => {
  it('are optional, and kept when sent', () => {
    expect(tokenRequestSchema.parse(request).body).toMatchObject({ lineItems: request.body.lineItems });
    const { lineItems: _, ...bare } = request.body;
    expect(tokenRequestSchema.safeParse({ ...request, body: bare }).success).toBe(true);
  });

  it('refuse a line in another currency, naming the field', () => {
    const lineItems = [{ description: 'Beans', quantity: 1, amount: { value: '5.00', currency: 'USD' } }];
    const parsed = tokenRequestSchema.safeParse({ ...request, body: { ...request.body, lineItems } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['body', 'lineItems', 0, 'amount', 'currency']);
  });

  it('refuse an empty list, a zero quantity, a float amount and unknown keys', () => {
    const line = request.body.lineItems[0];
    for (const lineItems of [
      [],
      [{ ...line, quantity: 0 }],
      [{ ...line, quantity: 1.5 }],
      [{ ...line, amount: { value: 25, currency: 'EUR' } }],
      [{ ...line, sku: 'x' }],
      [{ ...line, description: '' }],
    ])
      expect(tokenRequestSchema.safeParse({ ...request, body: { ...request.body, lineItems } }).success).toBe(
        false,
      );
  });
});
