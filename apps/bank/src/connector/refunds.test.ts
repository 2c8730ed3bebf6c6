import type { BankEndorsement } from '@tokenos/protocol';
import type { ApiError } from '@tokenos/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  linkedUser,
  linkedWorld,
  type TestBank,
  tokenIdOf,
  transferPayload,
  type User,
  type World,
} from '../../test/harness.ts';
import { cosignedPayment, refundToken, transferRequest } from '../../test/payments.ts';
import { expectRefusedUnchanged } from '../../test/refusals.ts';
import type { ExecuteResult } from './execute.ts';

let world: World;
let iron: TestBank;
let alice: User;
let shop: User;
let aliceRef: string;
let shopRef: string;

beforeAll(async () => {
  let refs: Record<string, string>;
  ({ world, iron, alice, refs } = await linkedWorld(['Current account']));
  aliceRef = refs['Current account']!;
  ({ user: shop, ref: shopRef } = await linkedUser(world, iron, {
    username: 'shop',
    account: 'Merchant account',
  }));
});

afterAll(() => iron?.close());

/** Alice pays the shop `amount` (passkey), the bank co-signs and settles it into the merchant account. */
async function settledPayment(amount: string): Promise<string> {
  const t = await cosignedPayment(world, iron, { payer: alice, payee: shop, accountRef: aliceRef, amount });
  const result = await iron.call<ExecuteResult>(
    '/connector/v1/transfers',
    transferRequest(t, {
      transferId: `tr-${t.tokenId.slice(0, 8)}`,
      refId: 'pay',
      destination: { bankId: iron.id, accountRef: shopRef },
    }),
  );
  expect(result.status).toBe('ACSC');
  return t.tokenId;
}

/** The shop's refund to Alice from the merchant account, endorsed with the Refund exemption. */
function refund(amount: string, refundOf: string | undefined) {
  return refundToken(world, {
    merchant: shop,
    customer: alice,
    bankId: iron.id,
    accountRef: shopRef,
    amount,
    refundOf,
  });
}

function refused(code: string, body: unknown): Promise<ApiError> {
  return expectRefusedUnchanged(iron.db, code, () => iron.call('/connector/v1/cosign', body), [
    'select token_id from cosignatures order by token_id',
    'select * from sca_counters order by member_id',
  ]);
}

describe('co-signature of a refund (Refund exemption, by the bank’s own records)', () => {
  it('co-signs refunds above EUR 30 of a payment it credited to the merchant, within what it credited', async () => {
    const original = await settledPayment('80.00');
    const first = await refund('50.00', original);
    const cosig = await iron.call<BankEndorsement>('/connector/v1/cosign', first);
    expect(cosig.tokenId).toBe(first.tokenId);
    const row = await iron.db.one<{ sca: string; refund_of: string }>(
      'select sca, refund_of from cosignatures where token_id = $1',
      [first.tokenId],
    );
    expect(row).toEqual({ sca: 'exemption:Refund', refund_of: original });
    // The Art. 16 counters of the merchant are untouched.
    const counters = await iron.db.maybeOne<{ count_since_sca: number }>(
      'select count_since_sca from sca_counters where member_id = $1',
      [shop.member.id],
    );
    expect(counters?.count_since_sca ?? 0).toBe(0);
    // 30.00 is left to refund: a cent more is refused, nothing changes.
    const err = await refused('ScaRequired', await refund('30.01', original));
    expect(err.message).toMatch(/left to refund/);
    await iron.call<BankEndorsement>('/connector/v1/cosign', await refund('30.00', original));
  });

  it('requires SCA when it has no record of the original crediting the refund’s source account', async () => {
    // A payment Alice made from her account to the shop, but never executed here.
    const payload = transferPayload(world, {
      payer: alice.member,
      payee: shop.member,
      bankId: iron.id,
      accountRef: aliceRef,
      amount: '40.00',
    });
    const err = await refused('ScaRequired', await refund('10.00', tokenIdOf(payload)));
    expect(err.message).toMatch(/no record/);
    expect(err.field).toBe('transfer.refundOf');
  });

  it('refuses the Refund exemption on a token that is not a refund', async () => {
    await refused('Malformed', await refund('10.00', undefined));
  });
});
