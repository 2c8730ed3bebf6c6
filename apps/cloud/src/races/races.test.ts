import { scaChallenge, tokenId as tokenIdOf } from '@tokenos/protocol';
import {
  accessTokenPayload,
  cancelToken,
  createToken,
  endorsementFor,
  endorseToken,
  getToken,
  listTokens,
  passkeyAssertionFromJSON,
  redeemToken,
  registerPasskey,
  replaceAccessToken,
  transferTokenPayload,
} from '@tokenos/sdk';
import { SoftAuthenticator } from '@tokenos/sdk/testing';
import { describe, expect, it } from 'vitest';
import { failureCode, perFileCloud, testConfig } from '../../test/harness.ts';
import { secondInstance } from '../../test/second-instance.ts';
import { makeWorld } from '../../test/world.ts';

const cloud = perFileCloud();

describe('races between instances', () => {
  it('concurrent replaces of one access grant leave exactly one live grant', async () => {
    const w = await makeWorld(cloud);
    const on2 = await secondInstance(cloud);
    const auth = new SoftAuthenticator(testConfig.walletOrigins[0]!);
    const { passkey } = await registerPasskey(w.alice, (o) => auth.create(o));
    const sca = async (id: string) => ({
      method: 'passkey' as const,
      assertion: passkeyAssertionFromJSON(
        await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(id) }),
      ),
    });
    const first = accessTokenPayload(w.alice, {
      grantee: w.shop.id,
      resources: [{ type: 'account', account: w.aliceAccount, scopes: ['balances', 'transactions'] }],
    });
    const created = await createToken(w.alice, first);
    await endorseToken(
      w.alice,
      created.id,
      await endorsementFor(w.alice, created.id, 'STANDARD', await sca(created.id)),
    );

    // Eight replacements of the same grant at once, half through each instance.
    const attempts = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const payload = accessTokenPayload(w.alice, {
          grantee: w.shop.id,
          resources: [
            { type: 'account', account: w.aliceAccount, scopes: [i % 2 ? 'balances' : 'transactions'] },
          ],
        });
        const evidence = await sca(tokenIdOf(payload));
        return replaceAccessToken(i % 2 ? on2(w.alice) : w.alice, created.id, payload, evidence).then(
          (t) => ({ ok: true as const, id: t.id }),
          (e: { code?: string }) => ({ ok: false as const, code: e.code }),
        );
      }),
    );
    expect(attempts.filter((a) => a.ok)).toHaveLength(1);
    for (const a of attempts) if (!a.ok) expect(a.code).toBe('Conflict');
    const live = (await listTokens(w.alice, { kind: 'access', role: 'payer' })).filter(
      (t) => t.status === 'valid',
    );
    expect(live).toHaveLength(1);
  });

  it('concurrent endorse and cancel: the token ends cancelled and is never redeemable after', async () => {
    for (let round = 0; round < 6; round++) {
      const w = await makeWorld(cloud);
      const on2 = await secondInstance(cloud);
      const payload = transferTokenPayload(w.alice, {
        payee: w.shop.id,
        amount: { value: '10.00', currency: 'EUR' },
        description: 'race',
        refId: `race-${round}`,
        source: w.aliceAccount,
      });
      const created = await createToken(w.alice, payload);
      const endorsement = await endorsementFor(w.alice, created.id, 'LOW', {
        method: 'exemption',
        exemption: 'LowValue',
      });
      await Promise.allSettled([
        endorseToken(w.alice, created.id, endorsement),
        cancelToken(on2(w.alice), created.id),
      ]);
      const token = await getToken(w.alice, created.id);
      // Either order: endorsed-then-cancelled (endorsement kept) or cancelled before it (none).
      expect(token.status).toBe('revokedByPsu');
      expect(
        await failureCode(
          redeemToken(w.shop, created.id, {
            amount: { value: '10.00', currency: 'EUR' },
            refId: 'after',
            destination: w.shopAccount,
          }),
        ),
      ).toBe('Cancelled');
      expect(await w.bank.balance(w.shopAccount.accountRef)).toBe(0n);
    }
  });

  it('concurrent redemptions against a cumulative limit and a redemption count never exceed either', async () => {
    const w = await makeWorld(cloud);
    const on2 = await secondInstance(cloud);
    const payload = transferTokenPayload(w.alice, {
      payee: w.shop.id,
      amount: { value: '25.00', currency: 'EUR' },
      description: 'subscription',
      refId: 'multi',
      source: w.aliceAccount,
      conditions: { singleUse: false, maxRedemptions: 4, maxPerTransaction: '10.00' },
    });
    const created = await createToken(w.alice, payload);
    await endorseToken(
      w.alice,
      created.id,
      await endorsementFor(w.alice, created.id, 'LOW', { method: 'exemption', exemption: 'LowValue' }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        redeemToken(i % 2 ? on2(w.shop) : w.shop, created.id, {
          amount: { value: i % 3 ? '4.00' : '7.00', currency: 'EUR' },
          refId: `r${i}`,
          destination: w.shopAccount,
        }),
      ),
    );
    const settled = results.filter((r) => r.status === 'fulfilled' && r.value.status === 'ACSC');
    expect(settled.length).toBeGreaterThan(0);
    expect(settled.length).toBeLessThanOrEqual(4);
    const paid = await w.bank.balance(w.shopAccount.accountRef);
    expect(paid).toBeLessThanOrEqual(2500n);
    const token = await getToken(w.alice, created.id);
    expect(BigInt(token.usage.total)).toBe(paid);
    expect(token.usage.count).toBe(settled.length);
  });
});
