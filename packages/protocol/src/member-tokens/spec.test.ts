import { describe, expect, it } from 'vitest';
import type { KeyEntry } from '../directory/entries.ts';
import { keyIdOf } from '../directory/entries.ts';
import { base64url } from '../encoding.ts';
import { ProtocolError } from '../errors.ts';
import { keyPairFromSecret } from '../key-pair.ts';
import { nobleBackend } from '../signature-noble.ts';
import { secretKeySigner, signObject } from '../signing.ts';
import { transferTokenPayloadSchema } from '../tokens/transfer-token.ts';
import { verifyEntitlementAttestation } from './attestation.ts';
import type { EntitlementAttestation } from './claims.ts';
import { assertDerivationAllowed, memberTokenDerivationSchema, memberTokenFormat } from './requests.ts';
import {
  assertMemberTokenCreation,
  backingRefId,
  backingTransferToken,
  type MemberTokenSpec,
  memberTokenSpecSchema,
} from './spec.ts';

const alice = 'alice'.padEnd(43, '_');
const shop = 'shop'.padEnd(43, '_');
const bankId = 'bank'.padEnd(43, '_');
const bankPair = keyPairFromSecret('Ed25519', new Uint8Array(32).fill(5));
const bankKey: KeyEntry = {
  id: keyIdOf('Ed25519', bankPair.publicKey),
  algorithm: 'Ed25519',
  publicKey: base64url(bankPair.publicKey),
  level: 'STANDARD',
};
const t0 = 1_800_000_000_000;

async function attest(subject: string, type = 'VETERAN'): Promise<EntitlementAttestation> {
  return signObject(
    {
      type: 'EntitlementAttestation' as const,
      version: 1 as const,
      subject,
      entitlement: { type, value: 'true' },
      signer: { memberId: bankId, keyId: bankKey.id },
      createdAt: t0,
    },
    secretKeySigner('Ed25519', bankPair.secretKey, nobleBackend),
  );
}

async function spec(over: Partial<MemberTokenSpec> = {}): Promise<MemberTokenSpec> {
  return memberTokenSpecSchema.parse({
    type: 'MemberTokenSpec',
    version: 1,
    holder: shop,
    entityType: 'consumer',
    loyalty: true,
    limitations: { currency: 'EUR', amount: '25.00', creditLimit: '100.00' },
    entitlements: [await attest(alice)],
    metadata: [{ key: 'loyaltyId', value: 'L-1' }],
    ...over,
  });
}

const options = {
  owner: alice,
  source: { bankId, accountRef: 'alice-account-1' },
  nonce: 'n'.repeat(22),
  effectiveAt: t0,
  description: 'OpenToken member token',
};

describe('the backing transfer token', () => {
  it('carries the limitations as its conditions, the credit limit as its amount, and binds the spec by refId', async () => {
    const s = await spec();
    const payload = transferTokenPayloadSchema.parse(backingTransferToken(s, options));
    expect(payload).toMatchObject({
      from: { memberId: alice },
      to: { memberId: shop },
      redeemer: shop,
      transfer: { amount: { value: '100.00', currency: 'EUR' }, refId: backingRefId(s) },
      conditions: { currency: 'EUR', maxPerTransaction: '25.00', cumulativeLimit: '100.00' },
    });
    expect(payload.transfer.refId).toMatch(/^mt:[A-Za-z0-9_-]{43}$/);
    expect(() => assertMemberTokenCreation(s, payload)).not.toThrow();
    // No credit limit, no subscription: the largest amount and the end of representable time.
    const open = backingTransferToken(await spec({ limitations: { currency: 'EUR' } }), options);
    expect(open.transfer.amount.value).toBe('10000000000000.00');
    expect(open.expiresAt).toBe(253_402_300_799_999);
  });

  it('refuses a transfer token that differs from the spec, naming the field', async () => {
    const s = await spec();
    const good = backingTransferToken(s, options);
    const field = (payload: unknown, sp = s) => {
      try {
        assertMemberTokenCreation(sp, transferTokenPayloadSchema.parse(payload));
      } catch (e) {
        return `${(e as ProtocolError).code} ${(e as ProtocolError).field}`;
      }
      return 'accepted';
    };
    expect(
      field({ ...good, transfer: { ...good.transfer, amount: { value: '1000.00', currency: 'EUR' } } }),
    ).toBe('Malformed transferToken.transfer.amount.value');
    expect(field({ ...good, conditions: { currency: 'EUR', maxPerTransaction: '25.00' } })).toBe(
      'Malformed transferToken.conditions.cumulativeLimit',
    );
    expect(field({ ...good, to: { memberId: bankId }, redeemer: bankId })).toBe(
      'Malformed transferToken.redeemer',
    );
    expect(field({ ...good, from: { memberId: bankId } })).toBe('Malformed transferToken.from.memberId');
    // Another spec (metadata changed) has another refId: the endorsement never covered it.
    expect(field(good, await spec({ metadata: [] }))).toBe('Malformed transferToken.transfer.refId');
    // An entitlement attested about someone else.
    const foreign = await spec({ entitlements: [await attest(shop)] });
    expect(field(backingTransferToken(foreign, options), foreign)).toBe(
      'Forbidden spec.entitlements.0.subject',
    );
  });

  it('a merchant entity must be limited to a merchant, and only to its holder', async () => {
    const issues = (over: Partial<MemberTokenSpec>) => {
      const r = memberTokenSpecSchema.safeParse({
        type: 'MemberTokenSpec',
        version: 1,
        holder: shop,
        entityType: 'consumer',
        loyalty: false,
        limitations: { currency: 'EUR' },
        entitlements: [],
        metadata: [],
        ...over,
      });
      return r.success ? 'accepted' : r.error.issues.map((i) => i.path.join('.')).join(',');
    };
    expect(issues({ entityType: 'merchant' })).toBe('limitations.merchantId');
    expect(issues({ entityType: 'merchant', limitations: { currency: 'EUR', merchantId: shop } })).toBe(
      'accepted',
    );
    expect(issues({ limitations: { currency: 'EUR', merchantId: bankId } })).toBe('limitations.merchantId');
    expect(issues({ entityType: 'subMerchant' as 'merchant' })).toBe('entityType');
    expect(
      issues({
        metadata: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
      }),
    ).toBe('metadata.1.key');
  });
});

describe('entitlement attestations', () => {
  it('verify under the attester STANDARD key; any change, a LOW key or an expired one fails', async () => {
    const a = await attest(alice);
    const bank = (key: KeyEntry) => ({ memberId: bankId, keys: [key] });
    expect(await verifyEntitlementAttestation(a, bank(bankKey), t0, nobleBackend)).toBe(true);
    expect(await verifyEntitlementAttestation({ ...a, subject: shop }, bank(bankKey), t0, nobleBackend)).toBe(
      false,
    );
    expect(
      await verifyEntitlementAttestation(
        { ...a, entitlement: { type: 'VETERAN', value: 'false' } },
        bank(bankKey),
        t0,
        nobleBackend,
      ),
    ).toBe(false);
    expect(await verifyEntitlementAttestation(a, bank({ ...bankKey, level: 'LOW' }), t0, nobleBackend)).toBe(
      false,
    );
    expect(await verifyEntitlementAttestation(a, bank({ ...bankKey, expiresAt: t0 }), t0, nobleBackend)).toBe(
      false,
    );
    expect(await verifyEntitlementAttestation(a, undefined, t0, nobleBackend)).toBe(false);
    expect(await verifyEntitlementAttestation(a, bank(bankKey), t0 - 10 * 60_000, nobleBackend)).toBe(false);
    // The key of another member, even one that signed: the attester must be the signer.
    expect(await verifyEntitlementAttestation(a, { memberId: shop, keys: [bankKey] }, t0, nobleBackend)).toBe(
      false,
    );
  });
});

describe('derivation', () => {
  const parent = {
    limitations: { currency: 'EUR' as const, merchantId: shop, amount: '25.00' },
    entitlementTypes: ['VETERAN'],
    merchantOfRecord: shop,
  };
  const child = (over: object) =>
    memberTokenDerivationSchema.parse({
      holder: bankId,
      limitations: { currency: 'EUR', merchantId: shop, amount: '10.00' },
      ...over,
    });

  it('needs the merchant limitation, the same merchant of record, and entitlements the parent has', () => {
    expect(
      memberTokenDerivationSchema.safeParse({ holder: bankId, limitations: { currency: 'EUR' } }).success,
    ).toBe(false);
    expect(() => assertDerivationAllowed(parent, child({}))).not.toThrow();
    expect(() => assertDerivationAllowed(parent, child({ entitlements: ['VETERAN'] }))).not.toThrow();
    expect(() => assertDerivationAllowed(parent, child({ entitlements: ['AGE_OVER_18'] }))).toThrow(
      /no AGE_OVER_18/,
    );
    expect(() =>
      assertDerivationAllowed(
        parent,
        child({ limitations: { currency: 'EUR', merchantId: shop, amount: '30.00' } }),
      ),
    ).toThrow(expect.objectContaining({ code: 'ConditionFailed', field: 'limitations.amount' }));
    const noMerchant = { ...parent, limitations: { currency: 'EUR' as const } };
    expect(() =>
      assertDerivationAllowed(noMerchant, child({ limitations: { currency: 'EUR', merchantId: bankId } })),
    ).toThrow(expect.objectContaining({ code: 'Malformed', field: 'limitations.merchantId' }));
  });

  it('tells the two formats apart', () => {
    expect(memberTokenFormat('ab'.repeat(58))).toBe('custom');
    expect(memberTokenFormat('a.b.c')).toBe('jwt');
    expect(() => memberTokenFormat('ab'.repeat(57))).toThrow(ProtocolError);
  });
});
