import { ProtocolError } from '../errors.ts';

/**
 * The two flag bytes of the custom member-token format (seed 001, "Flags", the first table). Bits
 * are numbered as in the seed: bit 8 is the most significant (0x80), bit 1 the least (0x01).
 *
 * Byte 1: entity type in bits 8-6, entitlements bit 5, loyalty bit 4, bits 3-1 future use.
 * Byte 2: merchant, location, amount, credit limit, subscription, recurrence, single use in bits
 * 8-2, bit 1 future use. See README.md for the seed's two typos and its alternative table.
 */

/** Seed 001, "Entity Type": 00b consumer, 01b merchant, 10b sub-merchant. */
export const memberTokenEntityTypes = ['consumer', 'merchant', 'subMerchant'] as const;
export type MemberTokenEntityType = (typeof memberTokenEntityTypes)[number];

/** Seed 001, "Limitations Include", in the order of flags byte 2 from bit 8 down to bit 2. */
export const memberTokenLimits = [
  'merchant',
  'location',
  'amount',
  'creditLimit',
  'subscription',
  'recurrence',
  'singleUse',
] as const;
export type MemberTokenLimit = (typeof memberTokenLimits)[number];

export interface MemberTokenFlags {
  entityType: MemberTokenEntityType;
  /** Byte 1 bit 5: the member has entitlement(s) configured. */
  entitlements: boolean;
  /** Byte 1 bit 4: the token is used as a loyalty id (the seed's second "0b" is a typo for 1b). */
  loyalty: boolean;
  /** Byte 2 bits 8-2: which limitations the token carries. */
  limits: Record<MemberTokenLimit, boolean>;
}

// Byte 1. The entity type is a 2-bit value in a 3-bit field: it sits in the low bits of the field
// (bits 7-6), so 001b is merchant and 010b sub-merchant; bit 8 stays 0 for a future entity type.
const ENTITY_SHIFT = 5;
const ENTITY_MASK = 0b1110_0000;
const ENTITLEMENTS_BIT = 0b0001_0000; // bit 5
const LOYALTY_BIT = 0b0000_1000; // bit 4
const BYTE1_FUTURE = 0b0000_0111; // bits 3-1
// Byte 2: bit 8 (0x80) for the first limit, down to bit 2 (0x02) for single use.
const limitBit = (index: number) => 0x80 >> index;
const BYTE2_FUTURE = 0b0000_0001; // bit 1

function malformed(message: string, field = 'flags'): ProtocolError {
  return new ProtocolError('Malformed', `${field}: ${message}`, { field });
}

/** Entity types that seed 001 says "Must have the Merchant bit flag set". */
export function entityNeedsMerchantLimit(entityType: MemberTokenEntityType): boolean {
  return entityType === 'merchant' || entityType === 'subMerchant';
}

/** Throws Malformed for flags no token may carry (a merchant entity not limited to a merchant). */
export function assertConsistentFlags(flags: MemberTokenFlags): void {
  if (entityNeedsMerchantLimit(flags.entityType) && !flags.limits.merchant)
    throw malformed(
      `entity type ${flags.entityType} must have the merchant limitation bit (byte 2 bit 8) set, got it clear`,
      'flags.merchant',
    );
}

/** The two flag bytes. Throws Malformed for inconsistent flags, so no such token is ever minted. */
export function encodeFlags(flags: MemberTokenFlags): Uint8Array {
  assertConsistentFlags(flags);
  const entity = memberTokenEntityTypes.indexOf(flags.entityType);
  if (entity < 0) throw malformed(`unknown entity type ${String(flags.entityType)}`, 'flags.entityType');
  let byte1 = entity << ENTITY_SHIFT;
  if (flags.entitlements) byte1 |= ENTITLEMENTS_BIT;
  if (flags.loyalty) byte1 |= LOYALTY_BIT;
  let byte2 = 0;
  memberTokenLimits.forEach((limit, i) => {
    if (flags.limits[limit]) byte2 |= limitBit(i);
  });
  return new Uint8Array([byte1, byte2]);
}

const hex2 = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;

/**
 * Reads the two flag bytes. Fails closed: a future-use bit or an undefined entity type is refused
 * (Malformed), since a limitation this code does not know is one it could not enforce.
 */
export function decodeFlags(bytes: Uint8Array): MemberTokenFlags {
  if (bytes.length !== 2) throw malformed(`expected 2 bytes, got ${bytes.length}`);
  const byte1 = bytes[0]!;
  const byte2 = bytes[1]!;
  const entity = (byte1 & ENTITY_MASK) >> ENTITY_SHIFT;
  const entityType = memberTokenEntityTypes[entity];
  if (entityType === undefined)
    throw malformed(
      `byte 1 bits 8-6: expected entity type 000b, 001b or 010b, got ${entity.toString(2).padStart(3, '0')}b`,
      'flags.entityType',
    );
  if ((byte1 & BYTE1_FUTURE) !== 0)
    throw malformed(`byte 1 bits 3-1 are for future use and must be 0, got ${hex2(byte1)}`);
  if ((byte2 & BYTE2_FUTURE) !== 0)
    throw malformed(`byte 2 bit 1 is for future use and must be 0, got ${hex2(byte2)}`);
  const limits = {} as Record<MemberTokenLimit, boolean>;
  memberTokenLimits.forEach((limit, i) => {
    limits[limit] = (byte2 & limitBit(i)) !== 0;
  });
  const flags: MemberTokenFlags = {
    entityType,
    entitlements: (byte1 & ENTITLEMENTS_BIT) !== 0,
    loyalty: (byte1 & LOYALTY_BIT) !== 0,
    limits,
  };
  assertConsistentFlags(flags);
  return flags;
}

/** Every flag whose value differs, by name ('entityType', 'loyalty', 'amount', ...). */
export function flagsDisagreement(presented: MemberTokenFlags, stored: MemberTokenFlags): string[] {
  const differ: string[] = [];
  if (presented.entityType !== stored.entityType) differ.push('entityType');
  if (presented.entitlements !== stored.entitlements) differ.push('entitlements');
  if (presented.loyalty !== stored.loyalty) differ.push('loyalty');
  for (const limit of memberTokenLimits)
    if (presented.limits[limit] !== stored.limits[limit]) differ.push(limit);
  return differ;
}

const describeFlag = (flags: MemberTokenFlags, name: string): string => {
  if (name === 'entityType') return flags.entityType;
  if (name === 'entitlements' || name === 'loyalty') return String(flags[name]);
  return String(flags.limits[name as MemberTokenLimit]);
};

/**
 * Throws Conflict when a presented token's flags disagree with what is stored for it: the token
 * describes other limitations than the ones the cloud enforces, so it is refused (issue 7).
 */
export function assertFlagsAgree(presented: MemberTokenFlags, stored: MemberTokenFlags): void {
  const differ = flagsDisagreement(presented, stored);
  if (differ.length === 0) return;
  const reasons = differ.map((name) => ({
    code: 'FlagMismatch' as const,
    field: `flags.${name}`,
    message: `the token's flags say ${name} = ${describeFlag(presented, name)}, the stored token has ${describeFlag(stored, name)}`,
  }));
  const first = reasons[0]!;
  throw new ProtocolError(
    'Conflict',
    `${first.field}: ${first.message}${differ.length > 1 ? ` (and ${differ.length - 1} more)` : ''}`,
    { field: first.field, reasons },
  );
}
