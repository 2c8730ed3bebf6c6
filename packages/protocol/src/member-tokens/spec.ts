import { z } from 'zod';
import { canonicalize } from '../canonical.ts';
import { memberIdSchema } from '../common.ts';
import { MAX_EVALUATION_TIME } from '../conditions/periods.ts';
import { ProtocolError } from '../errors.ts';
import { objectId } from '../hash.ts';
import { formatAmount, MAX_AMOUNT_MINOR } from '../money.ts';
import type { AccountRef, TransferTokenPayload } from '../tokens/transfer-token.ts';
import { parseWith } from '../validate.ts';
import { entitlementAttestationSchema, metadataSchema } from './claims.ts';
import { entityNeedsMerchantLimit } from './flags.ts';
import { limitationsToConditions, memberTokenLimitationsSchema } from './limitations.ts';

/**
 * What a member asks for when it creates a member token for a merchant (seed 001, "Members": "a
 * tokenized version of the Member is generated"): who holds it, its entity type, its limitations
 * and its capabilities (loyalty, entitlements attested by others, the creator's metadata).
 * A sub-merchant token is never created, only derived (requests.ts).
 */
export const memberTokenSpecSchema = z
  .strictObject({
    type: z.literal('MemberTokenSpec'),
    version: z.literal(1),
    /** The merchant that holds the token and charges it; the payments go to it. */
    holder: memberIdSchema,
    entityType: z.enum(['consumer', 'merchant']),
    /** Seed 001 flags byte 1 bit 4: the token is used as a loyalty id. */
    loyalty: z.boolean(),
    limitations: memberTokenLimitationsSchema,
    entitlements: z.array(entitlementAttestationSchema).max(20),
    metadata: metadataSchema,
  })
  .superRefine((s, ctx) => {
    if (entityNeedsMerchantLimit(s.entityType) && s.limitations?.merchantId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['limitations', 'merchantId'],
        message: `entity type ${s.entityType} must be limited to a merchant (seed 001 flags: "Must have the Merchant bit flag set")`,
      });
    // The backing transfer token pays the holder, so a token limited to another merchant could
    // never be charged at all: refuse it rather than mint something useless.
    if (s.limitations?.merchantId !== undefined && s.limitations.merchantId !== s.holder)
      ctx.addIssue({
        code: 'custom',
        path: ['limitations', 'merchantId'],
        message: `expected the holder ${s.holder} (the merchant the payments go to), got ${s.limitations.merchantId}`,
      });
    const types = (s.entitlements ?? []).map((e) => e.entitlement.type);
    types.forEach((t, i) => {
      if (types.indexOf(t) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['entitlements', i],
          message: `expected distinct types, got ${t} twice`,
        });
    });
    const keys = (s.metadata ?? []).map((m) => m.key);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['metadata', i, 'key'],
          message: `expected distinct keys, got ${k} twice`,
        });
    });
  });
export type MemberTokenSpec = z.infer<typeof memberTokenSpecSchema>;

export function parseMemberTokenSpec(input: unknown): MemberTokenSpec {
  return parseWith(memberTokenSpecSchema, input, 'member token');
}

/**
 * The backing transfer token's refId: `mt:` and the spec's id (SHA-256 of its RFC 8785 bytes). The
 * transfer token's id hashes the refId, so the one endorsement (and passkey assertion) the member
 * gives binds every part of the member token: limits, holder, entitlements, metadata.
 */
export function backingRefId(spec: MemberTokenSpec): string {
  return `mt:${objectId(spec)}`;
}

export interface BackingTransferOptions {
  /** The member the token stands for: the payer. */
  owner: string;
  source: AccountRef;
  nonce: string;
  effectiveAt: number;
  description: string;
}

/**
 * The multi-use payment authorization behind a member token (issue 7): a transfer token from the
 * member to the holder whose conditions ARE the limitations (limitationsToConditions), whose
 * lifetime amount is the credit limit (or the largest amount there is, when the token has no
 * credit limit) and which expires with the subscription (or at the end of representable time,
 * MAX_EVALUATION_TIME, when it has none: no expiry the member did not choose). Endorsed by the
 * member, co-signed by the bank like any other, so a charge moves money like any redemption.
 */
export function backingTransferToken(spec: MemberTokenSpec, o: BackingTransferOptions): TransferTokenPayload {
  const l = spec.limitations;
  return {
    type: 'TransferToken',
    version: 1,
    nonce: o.nonce,
    issuer: o.owner,
    from: { memberId: o.owner },
    to: { memberId: spec.holder },
    redeemer: spec.holder,
    transfer: {
      amount: { value: l.creditLimit ?? formatAmount(MAX_AMOUNT_MINOR, l.currency), currency: l.currency },
      description: o.description,
      refId: backingRefId(spec),
      source: o.source,
    },
    conditions: limitationsToConditions(l),
    effectiveAt: o.effectiveAt,
    expiresAt: l.expiresAt ?? MAX_EVALUATION_TIME,
  };
}

/** Path of the first place two JSON values differ, or undefined when they are equal. */
function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) return path;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
      );
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return a === b ? undefined : path;
}

function valueAt(value: unknown, path: string): string {
  let v: unknown = value;
  for (const k of path.split('.'))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v === undefined ? 'nothing' : canonicalize(v).slice(0, 120);
}

/**
 * Checks a creation request: the transfer token is exactly backingTransferToken(spec) for its
 * issuer (nonce, source account, start time and description are the member's choice), and every
 * entitlement is attested about that member. Throws Malformed naming the first field that differs.
 */
export function assertMemberTokenCreation(spec: MemberTokenSpec, payload: TransferTokenPayload): void {
  const expected = backingTransferToken(spec, {
    owner: payload.issuer,
    source: payload.transfer.source,
    nonce: payload.nonce,
    effectiveAt: payload.effectiveAt,
    description: payload.transfer.description,
  });
  const diff = firstDifference(JSON.parse(canonicalize(expected)), JSON.parse(canonicalize(payload)), '');
  if (diff !== undefined)
    throw new ProtocolError(
      'Malformed',
      `transferToken.${diff}: expected ${valueAt(expected, diff)} (the member token's backing authorization), got ${valueAt(payload, diff)}`,
      { field: `transferToken.${diff}` },
    );
  spec.entitlements.forEach((e, i) => {
    if (e.subject !== payload.issuer)
      throw new ProtocolError(
        'Forbidden',
        `spec.entitlements.${i}.subject: expected the member creating the token (${payload.issuer}), got ${e.subject}`,
        { field: `spec.entitlements.${i}.subject` },
      );
  });
}
