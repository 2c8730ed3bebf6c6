import { z } from 'zod';
import { canonicalize } from '../canonical.ts';
import { ProtocolError } from '../errors.ts';
import { textSchema } from '../text.ts';
import { type MetadataEntry, metadataEntrySchema } from './claims.ts';
import { type MemberTokenLimitations, memberTokenLimitationsSchema } from './limitations.ts';
import type { MemberTokenSpec } from './spec.ts';

/**
 * The metadata entry that ties a member token to the token request it answers: the request id,
 * inside the spec, so the member's one endorsement (the backing refId hashes the spec) binds it
 * and one member token answers one request only.
 */
export const requestMetadataKey = 'tokenRequestId';

/**
 * A merchant's request for a member token (issue 7, "save for later / subscribe"): its backend
 * fixes the limitations and the description; the wallet shows them, the user picks the account
 * and approves. The holder is always the requester.
 */
export const memberTokenRequestBodySchema = z
  .strictObject({
    kind: z.literal('memberToken'),
    description: textSchema({ min: 1, max: 280 }),
    limitations: memberTokenLimitationsSchema,
    /** Seed 001 flags byte 1 bit 4: the token doubles as the shopper's loyalty id. */
    loyalty: z.boolean().optional(),
    /** The merchant's own data (a plan, a subscription id); one slot is kept for the request id. */
    metadata: z.array(metadataEntrySchema).max(19).optional(),
  })
  .superRefine((b, ctx) => {
    (b.metadata ?? []).forEach((m, i) => {
      if (m.key === requestMetadataKey)
        ctx.addIssue({
          code: 'custom',
          path: ['metadata', i, 'key'],
          message: `expected a key other than ${requestMetadataKey} (the cloud's binding to the request)`,
        });
    });
  });
export type MemberTokenRequestBody = z.infer<typeof memberTokenRequestBodySchema>;

/** What the wallet creates for a member-token request: a consumer token held by the requester. */
export function memberTokenSpecForRequest(
  body: MemberTokenRequestBody,
  requester: string,
  requestId: string,
): MemberTokenSpec {
  return {
    type: 'MemberTokenSpec',
    version: 1,
    holder: requester,
    entityType: 'consumer',
    loyalty: body.loyalty ?? false,
    limitations: body.limitations,
    entitlements: [],
    metadata: [...(body.metadata ?? []), { key: requestMetadataKey, value: requestId }],
  };
}

/** A stored member token, as far as answering a request goes. */
export interface MemberTokenAnswerCandidate {
  holder: string;
  depth: number;
  entityType: string;
  loyalty: boolean;
  limitations: MemberTokenLimitations;
  metadata: readonly MetadataEntry[];
  entitlementCount: number;
  /** The backing transfer token's description. */
  description: string;
}

/**
 * Does this member token answer this request, exactly? The browser carries only ids, so the cloud
 * checks that what the member endorsed is what the requester's backend asked for: held by the
 * requester, the same limitations, loyalty and metadata, the request id bound in, the same
 * description. Throws Conflict naming the first field that differs.
 */
export function assertMemberTokenAnswers(
  body: MemberTokenRequestBody,
  requester: string,
  requestId: string,
  token: MemberTokenAnswerCandidate,
): void {
  const fail = (field: string, message: string): never => {
    throw new ProtocolError('Conflict', `member token does not answer request ${requestId}: ${message}`, {
      field,
    });
  };
  if (token.depth !== 0) fail('memberTokenId', 'a derived token answers no request');
  if (token.holder !== requester) fail('holder', 'it is not held by the requester');
  if (token.entityType !== 'consumer') fail('entityType', `expected consumer, got ${token.entityType}`);
  if (token.entitlementCount !== 0) fail('entitlements', 'the request asked for none');
  if (canonicalize(token.limitations) !== canonicalize(body.limitations))
    fail('limitations', 'its limitations are not the requested ones');
  if (token.loyalty !== (body.loyalty ?? false)) fail('loyalty', 'the loyalty flag differs');
  const expected = memberTokenSpecForRequest(body, requester, requestId).metadata;
  if (canonicalize(token.metadata) !== canonicalize(expected))
    fail('metadata', 'it is bound to another request, or its metadata differs');
  if (token.description !== body.description) fail('description', 'description differs');
}
