import type { BankEndorsement } from '@tokenos/protocol';
import { type ApiError, isApiError } from '@tokenos/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endorse,
  ledgerSnapshot,
  linkAccounts,
  newUser,
  startBank,
  startWorld,
  type TestBank,
  tokenIdOf,
  transferPayload,
  type User,
  type World,
} from '../../test/harness.ts';
import type { ExecuteResult } from './execute.ts';

let world: World;
let iron: TestBank;
let alice: User;
let shop: User;
let aliceRef: string;
let shopRef: string;

beforeAll(async () => {
  world = startWorld();
  iron = await startBank(world, { name: 'Iron Bank', code: 'IRON', origin: 'http://iron.test' });
  alice = await newUser(world);
  shop = await newUser(world);
  aliceRef = (await linkAccounts(world, iron, alice, { username: 'alice', accounts: ['Current account'] }))
    .refs['Current account']!;
  shopRef = (await linkAccounts(world, iron, shop, { username: 'shop', accounts: ['Merchant account'] }))
    .refs['Merchant account']!;
});

afterAll(() => iron?.close());

/** Alice pays the shop `amount` (passkey), the bank co-signs and settles it into the merchant account. */
async function settledPayment(amount: string): Promise<string> {
  const payload = transferPayload(world, {
    payer: alice.member,
    payee: shop.member,
    bankId: iron.id,
    accountRef: aliceRef,
    amount,
  });
  const tokenId = tokenIdOf(payload);
  const endorsement = await endorse(world, alice, tokenId);
  const bankEndorsement = await iron.call<BankEndorsement>('/connector/v1/cosign', {
    tokenId,
    payload,
    endorsement,
  });
  const result = await iron.call<ExecuteResult>('/connector/v1/transfers', {
    transferId: `tr-${tokenId.slice(0, 8)}`,
    tokenId,
    payload,
    endorsement,
    bankEndorsement,
    refId: 'pay',
    amount: payload.transfer.amount,
    destination: { bankId: iron.id, accountRef: shopRef },
  });
  expect(result.status).toBe('ACSC');
  return tokenId;
}

/** The shop's refund to Alice from the merchant account, endorsed with the Refund exemption. */
async function refund(amount: string, refundOf: string | undefined) {
  const base = transferPayload(world, {
    payer: shop.member,
    payee: alice.member,
    bankId: iron.id,
    accountRef: shopRef,
    amount,
  });
  const payload = refundOf === undefined ? base : { ...base, transfer: { ...base.transfer, refundOf } };
  const tokenId = tokenIdOf(payload);
  const endorsement = await endorse(world, shop, tokenId, {
    sca: { method: 'exemption', exemption: 'Refund' },
  });
  return { tokenId, payload, endorsement };
}

async function refused(code: string, body: unknown): Promise<ApiError> {
  const before = await ledgerSnapshot(iron.db);
  const cosignatures = await iron.db.query('select token_id from cosignatures order by token_id');
  const counters = await iron.db.query('select * from sca_counters order by member_id');
  const err = await iron.call('/connector/v1/cosign', body).catch((e: unknown) => e);
  expect(isApiError(err), String(err)).toBe(true);
  expect((err as ApiError).code, (err as ApiError).message).toBe(code);
  expect(await ledgerSnapshot(iron.db)).toEqual(before);
  expect(await iron.db.query('select token_id from cosignatures order by token_id')).toEqual(cosignatures);
  expect(await iron.db.query('select * from sca_counters order by member_id')).toEqual(counters);
  return err as ApiError;
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
