import type { BankEndorsement } from '@tokenos/protocol';
import { type ApiError, CloudClient, isApiError } from '@tokenos/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balance } from '../../test/bank-db.ts';
import {
  goldBank,
  ironBank,
  linkedUser,
  linkedWorld,
  newUser,
  startBank,
  type TestBank,
  tokenIdOf,
  transferPayload,
  type User,
  type World,
} from '../../test/harness.ts';
import { cosignedPayment, refundToken, transferRequest } from '../../test/payments.ts';
import type { ExecuteResult } from '../connector/execute.ts';
import { checkLedger, closeAccount } from '../ledger/ledger.ts';
import { resolveAccountRef } from '../link/store.ts';

const ironOrigin = ironBank.origin;
const goldOrigin = goldBank.origin;

let world: World;
let iron: TestBank;
let gold: TestBank;
let alice: User;
let shop: User;
let aliceRef: string;
let shopRef: string;

beforeAll(async () => {
  let refs: Record<string, string>;
  ({ world, iron, alice, refs } = await linkedWorld(['Current account'], { peers: [goldOrigin] }));
  aliceRef = refs['Current account']!;
  gold = await startBank(world, { ...goldBank, peers: [ironOrigin] });
  ({ user: shop, ref: shopRef } = await linkedUser(world, gold, {
    username: 'shop',
    account: 'Merchant account',
  }));
});

afterAll(async () => {
  await iron?.close();
  await gold?.close();
});

/** Co-signs and redeems a token from alice at Iron to the shop at Gold; `result` is the answer or the error. */
async function pay(
  amount: string,
  refId: string,
  destination = shopRef,
): Promise<{ result: unknown; tokenId: string; again: () => Promise<ExecuteResult> }> {
  const t = await cosignedPayment(world, iron, { payer: alice, payee: shop, accountRef: aliceRef, amount });
  const body = transferRequest(t, { refId, destination: { bankId: gold.id, accountRef: destination } });
  const again = () => iron.call<ExecuteResult>('/connector/v1/transfers', body);
  return { result: await again().catch((e: unknown) => e), tokenId: t.tokenId, again };
}

async function clearing(bank: TestBank, peer: TestBank): Promise<bigint> {
  const row = await bank.db.maybeOne<{ balance: bigint }>(
    "select balance from accounts where kind = 'clearing' and peer_bank_id = $1 and currency = 'EUR'",
    [peer.id],
  );
  return row?.balance ?? 0n;
}

async function bothBalanced(): Promise<void> {
  for (const bank of [iron, gold]) {
    const check = await checkLedger(bank.db);
    expect(check.drifted).toEqual([]);
    expect(check.unbalanced).toEqual([]);
    for (const total of Object.values(check.balances)) expect(total).toBe(0n);
  }
}

describe('a payment from an Iron Bank customer to a Gold Bank merchant', () => {
  it('lands on both ledgers through the clearing accounts, once', async () => {
    const aliceBefore = await balance(iron.db, 'alice', 'Current account');
    const shopBefore = await balance(gold.db, 'shop', 'Merchant account');
    const { result, tokenId, again } = await pay('42.00', 'order-7');
    expect(result).toMatchObject({ status: 'ACSC', bankReference: expect.stringMatching(/^IRON-/) });
    expect(await balance(iron.db, 'alice', 'Current account')).toBe(aliceBefore - 4200n);
    expect(await clearing(iron, gold)).toBe(4200n);
    expect(await clearing(gold, iron)).toBe(-4200n);
    expect(await balance(gold.db, 'shop', 'Merchant account')).toBe(shopBefore + 4200n);
    await bothBalanced();

    // Retried by the cloud: the first answer, and neither ledger moves again.
    expect(await again()).toEqual(result);
    expect(await clearing(gold, iron)).toBe(-4200n);
    expect(
      await gold.db.one('select count(*) as n from interbank_credits where token_id = $1', [tokenId]),
    ).toEqual({ n: 1n });
  });

  it('returns the money to the payer when the payee’s bank rejects the credit', async () => {
    const shopAccount = await resolveAccountRef(gold.db, shopRef);
    const [aliceBefore, ironClearing, goldClearing] = [
      await balance(iron.db, 'alice', 'Current account'),
      await clearing(iron, gold),
      await clearing(gold, iron),
    ];
    await closeAccount(gold.db, shopAccount!.account.account_id);
    try {
      const { result, again } = await pay('5.00', 'order-closed');
      expect(result).toMatchObject({ status: 'RJCT', reason: 'AC04' });
      expect(await balance(iron.db, 'alice', 'Current account')).toBe(aliceBefore);
      expect([await clearing(iron, gold), await clearing(gold, iron)]).toEqual([ironClearing, goldClearing]);
      expect(await again()).toEqual(result);
      await bothBalanced();
    } finally {
      await gold.db.query("update accounts set status = 'open' where account_id = $1", [
        shopAccount!.account.account_id,
      ]);
    }
  });

  it('keeps the payment pending while the payee’s bank is unreachable and settles it on retry', async () => {
    const aliceBefore = await balance(iron.db, 'alice', 'Current account');
    const shopBefore = await balance(gold.db, 'shop', 'Merchant account');
    world.net.down(goldOrigin);
    let retry: () => Promise<ExecuteResult>;
    try {
      const { result, again } = await pay('7.00', 'order-down');
      retry = again;
      // 503 to the cloud: not a verdict, the cloud keeps its transfer pending.
      expect(isApiError(result, 'Unavailable')).toBe(true);
      expect((result as ApiError).status).toBe(503);
      expect(await balance(iron.db, 'alice', 'Current account')).toBe(aliceBefore - 700n);
      expect(await balance(gold.db, 'shop', 'Merchant account')).toBe(shopBefore);
      await bothBalanced();
    } finally {
      world.net.up(goldOrigin);
    }
    expect(await retry()).toMatchObject({ status: 'ACSC' });
    expect(await balance(gold.db, 'shop', 'Merchant account')).toBe(shopBefore + 700n);
    await bothBalanced();
  });

  it('rejects with AC03 a creditor account that is not the payee’s, and returns the money', async () => {
    const before = await balance(iron.db, 'alice', 'Current account');
    const { result } = await pay('1.00', 'order-wrong-account', 'NoSuchAccountAtGold000');
    expect(result).toMatchObject({ status: 'RJCT', reason: 'AC03' });
    expect(await balance(iron.db, 'alice', 'Current account')).toBe(before);
    await bothBalanced();
  });

  it('takes credit instructions only from banks it settles with, for tokens they co-signed', async () => {
    const outsider = await newUser(world);
    const credit = await new CloudClient({
      baseUrl: goldOrigin,
      fetch: world.net.fetch,
      now: () => world.clock.now,
    })
      .send('POST', '/interbank/v1/credits', {}, await outsider.member.signerFor('STANDARD'))
      .catch((e: unknown) => e);
    expect(isApiError(credit, 'Forbidden')).toBe(true);
    // The cloud's key does not make a bank either.
    const fromCloud = await world.cloud
      .call(world.net, goldOrigin, '/interbank/v1/credits', {})
      .catch((e: unknown) => e);
    expect(isApiError(fromCloud, 'Forbidden')).toBe(true);
    // Iron Bank itself, but for a token whose co-signature is not Iron's.
    const payload = transferPayload(world, {
      payer: alice.member,
      payee: shop.member,
      bankId: iron.id,
      accountRef: aliceRef,
      amount: '1.00',
    });
    const tokenId = tokenIdOf(payload);
    const fake = {
      type: 'BankEndorsement',
      version: 1,
      tokenId,
      endorsement: tokenId,
      signer: { memberId: iron.id, keyId: 'AAAAAAAAAAAAAAAAAAAAAA' },
      createdAt: world.clock.now,
      signature: 'AAAA',
    };
    const signer = await iron.deps.member.signerFor('STANDARD');
    const forged = await new CloudClient({
      baseUrl: goldOrigin,
      fetch: world.net.fetch,
      now: () => world.clock.now,
    })
      .send(
        'POST',
        '/interbank/v1/credits',
        {
          tokenId,
          refId: 'x',
          amount: payload.transfer.amount,
          destination: { bankId: gold.id, accountRef: shopRef },
          payload,
          bankEndorsement: fake,
          payerReference: 'IRON-x',
        },
        signer,
      )
      .catch((e: unknown) => e);
    expect(isApiError(forged, 'UnknownKey')).toBe(true);
    expect(await gold.db.one("select count(*) as n from interbank_credits where ref_id = 'x'")).toEqual({
      n: 0n,
    });
  });
});

describe('a refund by the Gold Bank merchant of a payment that came from Iron Bank', () => {
  /** The shop's refund to alice from its Gold account, with the Refund exemption (no passkey). */
  function refund(amount: string, refundOf: string) {
    return refundToken(world, {
      merchant: shop,
      customer: alice,
      bankId: gold.id,
      accountRef: shopRef,
      amount,
      refundOf,
    });
  }

  it('is co-signed by Gold Bank from its own interbank credit record, and only within it', async () => {
    const { result, tokenId: original } = await pay('64.00', 'order-refundable');
    expect(result).toMatchObject({ status: 'ACSC' });
    // 64.00 came in through the clearing account: a 40.00 refund is within it, exempt from SCA.
    const first = await refund('40.00', original);
    expect((await gold.call<BankEndorsement>('/connector/v1/cosign', first)).tokenId).toBe(first.tokenId);
    // 24.00 is left: a cent more needs SCA, and Gold Bank co-signs nothing for it.
    const over = await refund('24.01', original);
    const err = (await gold.call('/connector/v1/cosign', over).catch((e: unknown) => e)) as ApiError;
    expect(isApiError(err, 'ScaRequired'), String(err)).toBe(true);
    expect(
      await gold.db.maybeOne('select token_id from cosignatures where token_id = $1', [over.tokenId]),
    ).toBeUndefined();
  });
});
