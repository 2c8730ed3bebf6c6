import type { Money } from '@tokenos/protocol';
import type { MemberTokenChargeView } from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import type { MemberTokenGateway } from './member-token-gateway.ts';
import { type SavedPayment, SavedPaymentStore } from './saved-payments.ts';
import { Subscriptions } from './subscriptions.ts';

/**
 * The cloud's side of charges as the shop relies on it: one charge per (token, refId), a retry
 * answered with the first result. `loseNextAnswer` makes the next charge happen but its answer
 * never arrive, as when the connection drops after the cloud committed.
 */
class ChargeLedger {
  readonly charges = new Map<string, MemberTokenChargeView>();
  loseNextAnswer = false;

  charge(token: string, o: { amount: Money; refId: string }): MemberTokenChargeView {
    const key = `${token}/${o.refId}`;
    let done = this.charges.get(key);
    if (!done) {
      done = {
        id: `c${this.charges.size + 1}`,
        tokenId: token,
        refId: o.refId,
        amount: o.amount,
        status: 'ACSC',
        reason: null,
        bankReference: null,
        transferId: `t${this.charges.size + 1}`,
        createdAt: new Date(0).toISOString(),
      };
      this.charges.set(key, done);
    }
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new TypeError('fetch failed: socket hang up');
    }
    return done;
  }
}

function gatewayOver(ledger: ChargeLedger): MemberTokenGateway {
  const unused = () => Promise.reject(new Error('not used in this test'));
  return {
    requestMemberToken: unused,
    verifyResult: unused,
    merchantId: () => 'shop',
    token: unused,
    charge: async (token, o) => ledger.charge(token, o),
    sellerReady: () => false,
    deriveForSeller: unused,
    chargeAsSeller: unused,
  };
}

describe('saved-payment charges whose answer was lost', () => {
  it('are sent again with the same refId on the next order, so nothing is charged twice', async () => {
    const ledger = new ChargeLedger();
    const saved = await SavedPaymentStore.open();
    const active: SavedPayment = {
      id: 'a'.repeat(32),
      sessionId: 's',
      createdAt: 0,
      requestId: 'r',
      status: 'active',
      memberTokenId: 'b'.repeat(32),
      token: 'token-1',
      charges: [],
    };
    await saved.put(active);
    const subscriptions = new Subscriptions({
      shopName: 'Demo Shop',
      publicUrl: 'http://localhost',
      gateway: gatewayOver(ledger),
      saved,
      now: () => 0,
      unavailable: () => undefined,
    });

    ledger.loseNextAnswer = true;
    const lost = await subscriptions.chargeProduct(active, 'espresso');
    expect(lost.status).toBe('unknown');
    expect(lost.reason).toMatch(/not known yet/);
    expect(ledger.charges.size).toBe(1);

    // The shopper orders again (another product, even): the lost charge is settled first, and is
    // what this order answers; the cloud saw its refId before, so it is not charged again.
    const settled = await subscriptions.chargeProduct(active, 'filter');
    expect(settled).toMatchObject({ refId: lost.refId, item: lost.item, status: 'paid' });
    expect(ledger.charges.size).toBe(1);
    expect(saved.get(active.id)?.charges).toEqual([settled]);

    // After that, a new order is a new charge.
    const next = await subscriptions.chargeProduct(active, 'filter');
    expect(next.refId).not.toBe(lost.refId);
    expect(ledger.charges.size).toBe(2);
    expect(saved.get(active.id)?.charges.map((c) => c.status)).toEqual(['paid', 'paid']);
  });
});
