import { randomBytes } from 'node:crypto';
import { nodeBackend } from '@tokenos/crypto-node';
import { type Conditions, keyPairFromSecret, signObject } from '@tokenos/protocol';
import type { ApiError } from '@tokenos/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { balance, ledgerSnapshot } from '../../test/bank-db.ts';
import {
  endorse,
  linkedUser,
  linkedWorld,
  type TestBank,
  tokenIdOf,
  transferPayload,
  type User,
  type World,
} from '../../test/harness.ts';
import { type Cosigned, cosignedPayment, transferRequest } from '../../test/payments.ts';
import { expectRefusedUnchanged } from '../../test/refusals.ts';
import { checkLedger, closeAccount } from '../ledger/ledger.ts';
import { resolveAccountRef } from '../link/store.ts';
import type { ExecuteResult } from './execute.ts';

let world: World;
let iron: TestBank;
let alice: User;
let shop: User;
let pounds: User;
let aliceRefs: Record<string, string>;
let shopRef: string;
let poundsRef: string;

beforeAll(async () => {
  ({ world, iron, alice, refs: aliceRefs } = await linkedWorld(['Current account', 'Savings']));
  ({ user: shop, ref: shopRef } = await linkedUser(world, iron, {
    username: 'shop',
    account: 'Merchant account',
  }));
  // A merchant whose only account here is in sterling.
  ({ user: pounds, ref: poundsRef } = await linkedUser(world, iron, {
    username: 'alice',
    account: 'Sterling account',
  }));
});

afterAll(() => iron?.close());

beforeEach(() => world.cloud.tellTheTruth());

/** A token endorsed by alice (passkey) and co-signed by the bank, ready to redeem. */
function authorised(
  amount: string,
  opts: { source?: string; payee?: User; conditions?: Partial<Conditions> } = {},
): Promise<Cosigned> {
  return cosignedPayment(world, iron, {
    payer: alice,
    payee: opts.payee ?? shop,
    accountRef: opts.source ?? aliceRefs['Current account']!,
    amount,
    ...(opts.conditions ? { conditions: opts.conditions } : {}),
  });
}

function redeem(
  t: Cosigned,
  args: {
    refId: string;
    amount?: string;
    currency?: string;
    destination?: string;
    bankEndorsement?: unknown;
    location?: { country?: string };
  },
): Promise<ExecuteResult> {
  return iron.call<ExecuteResult>(
    '/connector/v1/transfers',
    transferRequest(t, {
      refId: args.refId,
      amount: {
        value: args.amount ?? t.payload.transfer.amount.value,
        currency: args.currency ?? t.payload.transfer.amount.currency,
      },
      destination: { bankId: iron.id, accountRef: args.destination ?? shopRef },
      bankEndorsement: args.bankEndorsement,
      location: args.location,
    }),
  );
}

function expectRefused(code: string, attempt: () => Promise<unknown>): Promise<ApiError> {
  return expectRefusedUnchanged(iron.db, code, attempt);
}

/** Rejected with `reason`: recorded once, the same answer on retry, and no money moved. */
async function expectRejected(reason: string, attempt: () => Promise<ExecuteResult>): Promise<void> {
  const before = await ledgerSnapshot(iron.db);
  const result = await attempt();
  expect(result).toMatchObject({ status: 'RJCT', reason });
  const after = await ledgerSnapshot(iron.db);
  expect(after.balances).toEqual(before.balances);
  expect(after.entries).toBe(before.entries);
  expect(await attempt()).toEqual(result);
}

describe('execution: money moves once per (tokenId, refId)', () => {
  it('settles a payment between two customers and answers a retry with the first result', async () => {
    const t = await authorised('24.50');
    const [aliceBefore, shopBefore] = [
      await balance(iron.db, 'alice', 'Current account'),
      await balance(iron.db, 'shop', 'Merchant account'),
    ];
    const first = await redeem(t, { refId: 'order-1' });
    expect(first).toMatchObject({ status: 'ACSC', bankReference: expect.stringMatching(/^IRON-/) });
    expect(await balance(iron.db, 'alice', 'Current account')).toBe(aliceBefore - 2450n);
    expect(await balance(iron.db, 'shop', 'Merchant account')).toBe(shopBefore + 2450n);
    const snapshot = await ledgerSnapshot(iron.db);
    expect(await redeem(t, { refId: 'order-1' })).toEqual(first);
    expect(await ledgerSnapshot(iron.db)).toEqual(snapshot);
    expect(await checkLedger(iron.db)).toMatchObject({
      drifted: [],
      unbalanced: [],
      balances: { EUR: 0n, GBP: 0n },
    });
  });

  it('executes once when the same request arrives many times at once', async () => {
    const t = await authorised('3.00');
    const before = await balance(iron.db, 'alice', 'Current account');
    const results = await Promise.all(Array.from({ length: 8 }, () => redeem(t, { refId: 'same' })));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(results[0]!.status).toBe('ACSC');
    expect(await balance(iron.db, 'alice', 'Current account')).toBe(before - 300n);
    expect(await iron.db.one('select count(*) as n from transfers where token_id = $1', [t.tokenId])).toEqual(
      { n: 1n },
    );
  });

  it('rejects insufficient funds with AM04 and moves nothing', async () => {
    const t = await authorised('1500.00');
    await expectRejected('AM04', () => redeem(t, { refId: 'too-much' }));
  });

  it('rejects a payment from an account closed after co-signing with AC04', async () => {
    const t = await authorised('10.00', { source: aliceRefs.Savings! });
    const savings = await resolveAccountRef(iron.db, aliceRefs.Savings!);
    await closeAccount(iron.db, savings!.account.account_id);
    await expectRejected('AC04', () => redeem(t, { refId: 'closed' }));
  });

  it('rejects a creditor account in another currency with AM03', async () => {
    const t = await authorised('10.00', { payee: pounds });
    await expectRejected('AM03', () => redeem(t, { refId: 'gbp', destination: poundsRef }));
  });

  it('rejects a creditor account that is not the payee’s with AC03', async () => {
    const t = await authorised('10.00');
    await expectRejected('AC03', () =>
      redeem(t, { refId: 'not-payee', destination: aliceRefs['Current account']! }),
    );
  });

  it('re-evaluates the token’s conditions against its own records of earlier redemptions', async () => {
    const t = await authorised('100.00', {
      conditions: { singleUse: false, maxPerTransaction: '40.00', maxRedemptions: 4 },
    });
    expect((await redeem(t, { refId: 'm1', amount: '40.00' })).status).toBe('ACSC');
    expect((await redeem(t, { refId: 'm2', amount: '40.00' })).status).toBe('ACSC');
    const over = await expectRefused('ConditionFailed', () => redeem(t, { refId: 'm3', amount: '30.00' }));
    expect(over.reasons?.map((r) => r.code)).toEqual(['CumulativeLimit']);
    await expectRefused('ConditionFailed', () => redeem(t, { refId: 'm3', amount: '40.01' }));
    await expectRefused('ConditionFailed', () =>
      redeem(t, { refId: 'm3', amount: '10.00', currency: 'GBP' }),
    );
    expect((await redeem(t, { refId: 'm3', amount: '20.00' })).status).toBe('ACSC');
    await expectRefused('ConditionFailed', () => redeem(t, { refId: 'm4', amount: '0.01' }));
    // A refused attempt left no claim behind: the refId is still free for a valid retry of it.
    expect(await iron.db.one('select count(*) as n from transfers where token_id = $1', [t.tokenId])).toEqual(
      { n: 3n },
    );
    const single = await authorised('5.00');
    expect((await redeem(single, { refId: 's1' })).status).toBe('ACSC');
    const again = await expectRefused('ConditionFailed', () => redeem(single, { refId: 's2' }));
    expect(again.reasons?.map((r) => r.code)).toContain('SingleUse');
  });

  it('re-checks a location condition against where the cloud says the payment happens', async () => {
    const t = await authorised('6.00', { conditions: { singleUse: true, locations: { countries: ['DE'] } } });
    const elsewhere = await expectRefused('ConditionFailed', () =>
      redeem(t, { refId: 'fr', location: { country: 'FR' } }),
    );
    expect(elsewhere.reasons?.map((r) => r.code)).toEqual(['Location']);
    await expectRefused('ConditionFailed', () => redeem(t, { refId: 'none' }));
    expect((await redeem(t, { refId: 'de', location: { country: 'DE' } })).status).toBe('ACSC');
  });

  it('accepts only its own co-signature of this very token and endorsement', async () => {
    const t = await authorised('2.00');
    const other = await authorised('2.00');
    await expectRefused('Forbidden', () =>
      redeem(t, { refId: 'x1', bankEndorsement: other.bankEndorsement }),
    );
    const stranger = keyPairFromSecret('Ed25519', new Uint8Array(randomBytes(32)));
    const { signature: _s, ...unsigned } = t.bankEndorsement;
    const reSigned = await signObject(unsigned, {
      algorithm: 'Ed25519',
      sign: (m) => nodeBackend.sign('Ed25519', stranger.secretKey, m),
    });
    await expectRefused('InvalidSignature', () => redeem(t, { refId: 'x2', bankEndorsement: reSigned }));
    // A token this bank never co-signed, with a bank endorsement signed by another member.
    const payload = transferPayload(world, {
      payer: alice.member,
      payee: shop.member,
      bankId: iron.id,
      accountRef: aliceRefs['Current account']!,
      amount: '2.00',
    });
    const tokenId = tokenIdOf(payload);
    const endorsement = await endorse(world, alice, tokenId);
    const fake = {
      ...t.bankEndorsement,
      tokenId,
      signer: { memberId: shop.member.id, keyId: t.bankEndorsement.signer.keyId },
    };
    await expectRefused('Forbidden', () =>
      redeem({ tokenId, payload, endorsement, bankEndorsement: fake }, { refId: 'x3' }),
    );
  });

  it('verifies the payer’s endorsement again at execution, against the log it replays itself', async () => {
    const t = await authorised('2.00');
    world.cloud.tamper = (id, log) => (id === alice.member.id ? log.slice(0, 1) : log);
    // Alice's passkey was added in her second operation: without it the log ends before the head the bank saw.
    await expectRefused('StaleLog', () => redeem(t, { refId: 'tampered' }));
  });

  it('refuses an expired token', async () => {
    const t = await authorised('2.00');
    world.clock.now += 2 * 3_600_000;
    try {
      await expectRefused('Expired', () => redeem(t, { refId: 'late' }));
    } finally {
      world.clock.now -= 2 * 3_600_000;
    }
  });
});
