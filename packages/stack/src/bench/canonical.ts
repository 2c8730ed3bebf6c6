import { createHash } from 'node:crypto';
import { canonicalBytes, canonicalize, sha256, utf8 } from '@tokenos/protocol';
import { syncOpsPerSecond } from './measure.ts';
import type { BenchSection } from './types.ts';

/**
 * A transfer-token-like payload of about 1 KB: the shape of what gets canonicalized and hashed
 * into a token id (ARCHITECTURE.md, "Ids"), with keys deliberately out of canonical order.
 */
export function sampleTokenPayload(): Record<string, unknown> {
  return {
    version: '1.0',
    type: 'transfer',
    nonce: 'k3J9wq0ZQ2m8Y1xR7pLb5A',
    issuer: { id: 'm:2Xb7c1QWaZ9e:5zKwH8', alias: { type: 'DOMAIN', value: 'iron-bank.example' } },
    from: { id: 'm:3Hq8XbT2wLk9:5zKwH8', alias: { type: 'EMAIL', value: 'shopper@example.com' } },
    to: [{ id: 'm:9Yy1QqC4vNbd:5zKwH8', alias: { type: 'DOMAIN', value: 'shop.example' } }],
    transfer: {
      amount: '49.90',
      currency: 'EUR',
      lifetimeAmount: '49.90',
      description: 'Order #A-10442: 2 x espresso beans (1 kg), 1 x grinder cleaning tablets',
      instructions: {
        source: { account: { iban: 'DE89370400440532013000' }, bankId: 'iron' },
        destinations: [{ account: { iban: 'FR1420041010050500013M02606' }, name: 'Shop Example SAS' }],
      },
      redeemer: { id: 'm:9Yy1QqC4vNbd:5zKwH8' },
      conditions: [
        { kind: 'singleUse' },
        { kind: 'payee', memberId: 'm:9Yy1QqC4vNbd:5zKwH8' },
        { kind: 'maxAmount', amount: '49.90', currency: 'EUR' },
      ],
    },
    effectiveAt: '2025-11-21T10:15:30.000Z',
    expiresAt: '2025-11-21T10:30:30.000Z',
    refId: 'b2c1f0e4-7d1a-4f7b-9a51-3c2d9f6e8a10',
    requestId: 'rq:7NbQ2k9XcV1m',
    acquirer: {
      id: 'm:9Yy1QqC4vNbd:5zKwH8',
      purpose: 'purchase',
      terminal: 'web',
      merchantCategoryCode: '5499',
    },
    metadata: { 'ünïcødé-key': 'value ✓', emoji: '☕', numbers: [1, 2.5, -0.001, 1e21, 12345678901234] },
  };
}

export const canonicalSection: BenchSection = {
  name: 'canonical JSON and hashing',
  async run(context) {
    const payload = sampleTokenPayload();
    const size = canonicalBytes(payload).length;
    const label = `${size} B token`;
    const sync = (operation: () => unknown) =>
      syncOpsPerSecond(operation, { durationMs: context.durationMs });
    const stringify = `JSON.stringify + UTF-8, ${label}`;
    const jcs = `canonicalize (RFC 8785) + UTF-8, ${label}`;
    const jcsHash = `canonicalize + SHA-256 (noble), ${label}`;
    return [
      { figure: stringify, value: sync(() => utf8(JSON.stringify(payload))) },
      { figure: jcs, value: sync(() => canonicalBytes(payload)), baseline: stringify },
      { figure: jcsHash, value: sync(() => sha256(canonicalBytes(payload))), baseline: jcs },
      {
        figure: `canonicalize + SHA-256 (node:crypto), ${label}`,
        value: sync(() => createHash('sha256').update(canonicalize(payload)).digest()),
        baseline: jcsHash,
      },
    ];
  },
};
