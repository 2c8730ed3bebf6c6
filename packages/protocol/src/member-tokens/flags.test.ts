import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import {
  assertFlagsAgree,
  decodeFlags,
  encodeFlags,
  flagsDisagreement,
  type MemberTokenFlags,
  memberTokenEntityTypes,
  memberTokenLimits,
} from './flags.ts';

const none = Object.fromEntries(memberTokenLimits.map((l) => [l, false])) as MemberTokenFlags['limits'];
const flags = (over: Partial<MemberTokenFlags> = {}): MemberTokenFlags => ({
  entityType: 'consumer',
  entitlements: false,
  loyalty: false,
  limits: none,
  ...over,
});
const bytes = (f: MemberTokenFlags) => Array.from(encodeFlags(f));

describe('flag bits, seed 001 first table (bit 8 = 0x80)', () => {
  it('byte 1: entity type in bits 8-6, the 2-bit value in the low bits of the field', () => {
    expect(bytes(flags())).toEqual([0b000_0_0_000, 0]);
    expect(bytes(flags({ entityType: 'merchant', limits: { ...none, merchant: true } }))[0]).toBe(
      0b001_0_0_000,
    );
    expect(bytes(flags({ entityType: 'subMerchant', limits: { ...none, merchant: true } }))[0]).toBe(
      0b010_0_0_000,
    );
  });

  it('byte 1: entitlements bit 5, loyalty bit 4 (1b: used as a loyalty id)', () => {
    expect(bytes(flags({ entitlements: true }))).toEqual([0x10, 0]);
    expect(bytes(flags({ loyalty: true }))).toEqual([0x08, 0]);
  });

  it('byte 2: merchant bit 8 ... single use bit 2, each on its own; subscription is bit 4 (expiry)', () => {
    const expected = {
      merchant: 0x80,
      location: 0x40,
      amount: 0x20,
      creditLimit: 0x10,
      subscription: 0x08,
      recurrence: 0x04,
      singleUse: 0x02,
    };
    for (const limit of memberTokenLimits) {
      expect(bytes(flags({ limits: { ...none, [limit]: true } })), limit).toEqual([0, expected[limit]]);
      expect(decodeFlags(new Uint8Array([0, expected[limit]])).limits).toEqual({ ...none, [limit]: true });
    }
  });

  it('decodes every one of the 65,536 byte pairs to flags that encode back to them, or refuses it as Malformed', () => {
    let accepted = 0;
    const wrong: string[] = [];
    for (let b1 = 0; b1 < 256; b1++)
      for (let b2 = 0; b2 < 256; b2++) {
        let decoded: MemberTokenFlags;
        try {
          decoded = decodeFlags(new Uint8Array([b1, b2]));
        } catch (e) {
          if (!(e instanceof ProtocolError) || e.code !== 'Malformed')
            wrong.push(`${b1},${b2}: ${String(e)}`);
          continue;
        }
        accepted++;
        const back = encodeFlags(decoded);
        if (back[0] !== b1 || back[1] !== b2) wrong.push(`${b1},${b2} encodes back to ${back[0]},${back[1]}`);
      }
    expect(wrong).toEqual([]);
    // consumer: 4 capability combinations x 128 limit sets; merchant and sub-merchant: x 64 (merchant bit set).
    expect(accepted).toBe(4 * 128 + 2 * 4 * 64);
  });

  it('refuses the undefined entity types, future-use bits, and merchant entities without the merchant flag', () => {
    const code = (b: number[]) => {
      try {
        decodeFlags(new Uint8Array(b));
      } catch (e) {
        return (e as ProtocolError).field;
      }
      return 'accepted';
    };
    expect(code([0b011_00000, 0])).toBe('flags.entityType');
    expect(code([0b100_00000, 0])).toBe('flags.entityType');
    expect(code([0b000_00001, 0])).toBe('flags');
    expect(code([0b000_00100, 0])).toBe('flags');
    expect(code([0, 0b0000_0001])).toBe('flags');
    expect(code([0b001_00000, 0])).toBe('flags.merchant');
    expect(code([0b010_00000, 0x20])).toBe('flags.merchant');
    expect(code([0b010_00000, 0x80])).toBe('accepted');
    expect(() => encodeFlags(flags({ entityType: 'merchant' }))).toThrow(/merchant limitation bit/);
    expect(() => decodeFlags(new Uint8Array([0]))).toThrow(/expected 2 bytes/);
  });

  it('every entity type round-trips', () => {
    for (const entityType of memberTokenEntityTypes) {
      const f = flags({ entityType, limits: { ...none, merchant: true } });
      expect(decodeFlags(encodeFlags(f))).toEqual(f);
    }
  });
});

describe('flags against the stored token', () => {
  it('names every disagreement and refuses with Conflict', () => {
    const stored = flags({ entitlements: true, limits: { ...none, amount: true } });
    expect(flagsDisagreement(stored, stored)).toEqual([]);
    expect(() => assertFlagsAgree(stored, stored)).not.toThrow();
    const presented = flags({ loyalty: true, limits: { ...none, creditLimit: true } });
    expect(flagsDisagreement(presented, stored)).toEqual([
      'entitlements',
      'loyalty',
      'amount',
      'creditLimit',
    ]);
    expect(() => assertFlagsAgree(presented, stored)).toThrow(
      expect.objectContaining({ code: 'Conflict', field: 'flags.entitlements' }),
    );
  });
});
