import {
  CloudClient,
  createMemberOnBehalf,
  createToken,
  createTokenRequest,
  endorsementFor,
  endorseToken,
  Member,
  MemoryKeyStore,
  startClaim,
  transferTokenPayload,
} from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import { perFileCloud, rowCounts, testConfig } from '../../test/harness.ts';
import { makeWorld } from '../../test/world.ts';

const cloud = perFileCloud();

/**
 * `member` on a client whose network loses the answer to its first POST matching `lose`: the cloud
 * did the work and answered, the caller sees only a failed fetch.
 */
function lossyClient(lose: (path: string) => boolean) {
  const sent: { path: string; key: string | null }[] = [];
  let lost = false;
  const client = new CloudClient({
    baseUrl: testConfig.publicUrl,
    now: () => cloud.clock.now,
    fetch: async (input, init) => {
      const url = input instanceof URL ? input.href : String(input);
      const path = new URL(url).pathname;
      if (init?.method === 'POST') sent.push({ path, key: new Headers(init.headers).get('idempotency-key') });
      const res = await cloud.app.request(url, init);
      if (!lost && init?.method === 'POST' && lose(path)) {
        lost = true;
        await res.arrayBuffer();
        throw new TypeError('fetch failed: connection reset');
      }
      return res;
    },
  });
  return { client, sent };
}

function withLostAnswer(member: Member, lose: (path: string) => boolean) {
  const { client, sent } = lossyClient(lose);
  return { member: new Member(member.id, client, member.keyStore), sent };
}

describe('SDK retries under one Idempotency-Key (issue 16 item 2)', () => {
  it('answers an endorsement whose answer was lost, where the retry used to be refused, and co-signs once', async () => {
    const w = await makeWorld(cloud);
    let cosigns = 0;
    const bank = w.bank;
    cloud.banks.set(bank.bankId, {
      bankId: bank.bankId,
      cosign: (r) => {
        cosigns++;
        return bank.cosign(r);
      },
      execute: (r) => bank.execute(r),
      readAccounts: (r) => bank.readAccounts(r),
      readBalance: (r) => bank.readBalance(r),
      readTransactions: (r) => bank.readTransactions(r),
    });
    const token = await createToken(
      w.alice,
      transferTokenPayload(w.alice, {
        payee: w.shop.id,
        amount: { value: '10.00', currency: 'EUR' },
        description: 'lost answer',
        refId: 'lost-answer',
        source: w.aliceAccount,
      }),
    );
    const endorsement = await endorsementFor(w.alice, token.id, 'LOW', {
      method: 'exemption',
      exemption: 'LowValue',
    });
    const lossy = withLostAnswer(w.alice, (path) => path.endsWith('/endorse'));
    const endorsed = await endorseToken(lossy.member, token.id, endorsement);
    expect(endorsed.id).toBe(token.id);
    expect(endorsed.status).toBe('valid');
    expect(cosigns).toBe(1);
    const attempts = lossy.sent.filter((s) => s.path.endsWith('/endorse'));
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.key).toBeTruthy();
    expect(attempts[1]?.key).toBe(attempts[0]?.key);
  });

  it('creates one token request when the answer to the first attempt was lost', async () => {
    const w = await makeWorld(cloud);
    const before = await rowCounts(cloud.db, ['token_requests']);
    const lossy = withLostAnswer(w.shop, (path) => path === '/api/v1/token-requests');
    const created = await createTokenRequest(lossy.member, {
      body: {
        kind: 'transfer',
        amount: { value: '12.00', currency: 'EUR' },
        description: 'Order 1',
        refId: 'order-lost-answer',
      },
      requester: { name: 'Demo Shop', domain: 'localhost:5174' },
      returnOrigin: 'http://localhost:5174',
    });
    expect(created.id).toBeTruthy();
    expect(lossy.sent.filter((s) => s.path === '/api/v1/token-requests')).toHaveLength(2);
    expect(await rowCounts(cloud.db, ['token_requests'])).toEqual({
      token_requests: (before.token_requests ?? 0n) + 1n,
    });
  });

  it('starts one claim, and sends one code, when the claimer-signed answer was lost', async () => {
    const shop = await Member.create(cloud.client, new MemoryKeyStore());
    const alias = { type: 'EMAIL' as const, value: `idem.${Date.now()}@example.com` };
    await createMemberOnBehalf(shop, { alias, limitations: { currency: 'EUR', merchantId: shop.id } });
    const before = await rowCounts(cloud.db, ['member_claims', 'outbox']);
    const lossy = lossyClient((path) => path === '/api/v1/custody/claims');
    const started = await startClaim(lossy.client, new MemoryKeyStore(), alias);
    expect(started.claimId).toBeTruthy();
    const attempts = lossy.sent.filter((s) => s.path === '/api/v1/custody/claims');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.key).toBe(attempts[0]?.key);
    expect(await rowCounts(cloud.db, ['member_claims', 'outbox'])).toEqual({
      member_claims: (before.member_claims ?? 0n) + 1n,
      outbox: (before.outbox ?? 0n) + 1n,
    });
  });
});
