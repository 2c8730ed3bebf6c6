import { type AccountRef, base64url, scaChallenge, signObject } from '@tokenos/protocol';
import {
  type ApiError,
  accessTokenPayload,
  cancelToken,
  createToken,
  endorsementFor,
  endorseToken,
  isApiError,
  Member,
  MemoryKeyStore,
  passkeyAssertionFromJSON,
  readAccounts,
  readBalance,
  readTransactions,
  registerPasskey,
} from '@tokenos/sdk';
import { SoftAuthenticator } from '@tokenos/sdk/testing';
import { describe, expect, it } from 'vitest';
import { failureCode, perFileCloud, testConfig } from '../../test/harness.ts';
import { makeWorld, type World } from '../../test/world.ts';
import { BankUnavailableError } from '../banks/connector.ts';

const cloud = perFileCloud();

/** Alice grants the shop read access to her account, endorsed with STANDARD + passkey (PSD2 RTS Art. 10). */
async function grant(
  w: World,
  scopes: ('details' | 'balances' | 'transactions')[],
  account: AccountRef = w.aliceAccount,
) {
  const auth = new SoftAuthenticator(testConfig.walletOrigins[0]!);
  const { passkey } = await registerPasskey(w.alice, (options) => auth.create(options));
  const created = await createToken(
    w.alice,
    accessTokenPayload(w.alice, { grantee: w.shop.id, resources: [{ type: 'account', account, scopes }] }),
  );
  const assertion = passkeyAssertionFromJSON(
    await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(created.id) }),
  );
  const token = await endorseToken(
    w.alice,
    created.id,
    await endorsementFor(w.alice, created.id, 'STANDARD', { method: 'passkey', assertion }),
  );
  expect(token.status).toBe('valid');
  return token;
}

describe('account information through the cloud (GET /api/v1/access)', () => {
  it('serves the grantee what the grant allows, through the bank, and records the use', async () => {
    const w = await makeWorld(cloud);
    const token = await grant(w, ['details', 'balances']);
    expect(token.lastUsedAt).toBeNull();
    const accounts = await readAccounts(w.shop, token.id);
    expect(accounts).toEqual([
      expect.objectContaining({
        accountRef: w.aliceAccount.accountRef,
        bankId: w.bank.bankId,
        maskedNumber: '**** 0000',
      }),
    ]);
    const balance = await readBalance(w.shop, token.id, w.aliceAccount.accountRef);
    expect(balance).toMatchObject({
      accountRef: w.aliceAccount.accountRef,
      booked: { value: '1000.00', currency: 'EUR' },
    });
    const row = await cloud.db.one<{ last_used_at: Date | null }>(
      'select last_used_at from tokens where token_id = $1',
      [token.id],
    );
    expect(row.last_used_at?.getTime()).toBe(cloud.clock.now);
  });

  it('refuses anyone but the grantee, scopes not granted and accounts outside the grant', async () => {
    const w = await makeWorld(cloud);
    const token = await grant(w, ['balances']);
    expect(await failureCode(readBalance(w.alice, token.id, w.aliceAccount.accountRef))).toBe('NotFound');
    const stranger = await Member.create(cloud.client, new MemoryKeyStore());
    expect(await failureCode(readBalance(stranger, token.id, w.aliceAccount.accountRef))).toBe('NotFound');
    expect(await failureCode(readTransactions(w.shop, token.id, w.aliceAccount.accountRef))).toBe(
      'Forbidden',
    );
    expect(await failureCode(readBalance(w.shop, token.id, w.shopAccount.accountRef))).toBe('NotFound');
    expect(
      await failureCode(readBalance(w.shop, base64url(new Uint8Array(32)), w.aliceAccount.accountRef)),
    ).toBe('NotFound');
  });

  it('stops at once when the grant is cancelled or expired', async () => {
    const w = await makeWorld(cloud);
    const token = await grant(w, ['balances']);
    await readBalance(w.shop, token.id, w.aliceAccount.accountRef);
    cloud.clock.now = token.payload.expiresAt;
    try {
      expect(await failureCode(readBalance(w.shop, token.id, w.aliceAccount.accountRef))).toBe('Expired');
    } finally {
      cloud.clock.now = Date.now();
    }
    await cancelToken(w.alice, token.id);
    expect(await failureCode(readBalance(w.shop, token.id, w.aliceAccount.accountRef))).toBe('Cancelled');
  });

  it('answers 503 BankUnavailable when the bank does not answer, and nothing else leaks', async () => {
    const w = await makeWorld(cloud);
    const token = await grant(w, ['balances']);
    const real = w.bank;
    cloud.banks.set(real.bankId, {
      bankId: real.bankId,
      cosign: () => Promise.reject(new BankUnavailableError(real.bankId)),
      execute: () => Promise.reject(new BankUnavailableError(real.bankId)),
      readAccounts: () => Promise.reject(new BankUnavailableError(real.bankId)),
      readBalance: () => Promise.reject(new BankUnavailableError(real.bankId)),
      readTransactions: () => Promise.reject(new BankUnavailableError(real.bankId)),
    });
    try {
      const err = await readBalance(w.shop, token.id, w.aliceAccount.accountRef).catch((e: unknown) => e);
      expect(isApiError(err, 'BankUnavailable')).toBe(true);
      expect((err as ApiError).status).toBe(503);
    } finally {
      cloud.banks.set(real.bankId, real);
    }
  });

  it('tells the bank holding the accounts whether a grant is live, and nobody else', async () => {
    const w = await makeWorld(cloud);
    const token = await grant(w, ['balances']);
    const status = await w.bank.member.client.send<{ status: string }>(
      'GET',
      `/api/v1/access/${token.id}/status`,
      undefined,
      await w.bank.member.signerFor('LOW'),
    );
    expect(status).toMatchObject({ tokenId: token.id, status: 'valid' });
    expect(
      await failureCode(
        w.shop.client.send(
          'GET',
          `/api/v1/access/${token.id}/status`,
          undefined,
          await w.shop.signerFor('LOW'),
        ),
      ),
    ).toBe('NotFound');
    await cancelToken(w.alice, token.id);
    expect(
      await w.bank.member.client.send(
        'GET',
        `/api/v1/access/${token.id}/status`,
        undefined,
        await w.bank.member.signerFor('LOW'),
      ),
    ).toMatchObject({ status: 'revokedByPsu' });
  });
});

describe('POST /api/v1/access/{tokenId}/bank-revocation', () => {
  /** A Cancellation signed by `member`'s key, sent signed by the same member. */
  async function bankRevocation(member: Member, tokenId: string) {
    const signer = await member.signerFor('LOW');
    const cancellation = await signObject(
      {
        type: 'Cancellation' as const,
        version: 1 as const,
        tokenId,
        signer: { memberId: member.id, keyId: signer.keyId },
        createdAt: cloud.clock.now,
      },
      signer,
    );
    return member.client.send<{ status: string }>(
      'POST',
      `/api/v1/access/${tokenId}/bank-revocation`,
      cancellation,
      signer,
    );
  }

  it('ends a grant the account holder revoked at the bank: the grantee reads nothing more', async () => {
    const w = await makeWorld(cloud);
    const token = await grant(w, ['balances']);
    expect(await bankRevocation(w.bank.member, token.id)).toMatchObject({ status: 'revokedByPsu' });
    expect(await failureCode(readBalance(w.shop, token.id, w.aliceAccount.accountRef))).toBe('Cancelled');
    // Asked again, the same answer and no change.
    expect(await bankRevocation(w.bank.member, token.id)).toMatchObject({ status: 'revokedByPsu' });
  });

  it('refuses any member but the bank holding the accounts, and changes nothing', async () => {
    const w = await makeWorld(cloud);
    const token = await grant(w, ['balances']);
    expect(await failureCode(bankRevocation(w.shop, token.id))).toBe('NotFound');
    const otherBank = await Member.create(cloud.client, new MemoryKeyStore());
    expect(await failureCode(bankRevocation(otherBank, token.id))).toBe('NotFound');
    expect(await readBalance(w.shop, token.id, w.aliceAccount.accountRef)).toMatchObject({
      accountRef: w.aliceAccount.accountRef,
    });
  });
});

describe('GET /api/v1/cloud/keys', () => {
  it('publishes the key the cloud signs bank calls with', async () => {
    const res = await cloud.app.request('/api/v1/cloud/keys');
    expect(await res.json()).toEqual({
      keys: [
        {
          keyId: cloud.deps.cloudKey.keyId,
          algorithm: 'Ed25519',
          publicKey: base64url(cloud.deps.cloudKey.publicKey),
        },
      ],
    });
  });
});
