import { isUniqueViolation } from '@tokenos/db';
import {
  aliasCommitment,
  aliasValueSchema,
  appendOperation,
  b64urlSchema,
  emptyUsage,
  type MemberState,
  memberTokenLimitationsSchema,
  memberTokenSpecSchema,
  metadataSchema,
  normalizeAlias,
  ProtocolError,
  parseWith,
  usageToJson,
} from '@tokenos/protocol';
import { z } from 'zod';
import { aliasKeysFor, aliasLookupHash } from '../aliases/pepper.ts';
import type { Caller } from '../http/env.ts';
import type { MemberTokenContext } from '../member-tokens/context.ts';
import { insertMemberToken, type MemberTokenRow } from '../member-tokens/store.ts';
import { newInternalId } from '../member-tokens/token-id.ts';
import { insertMember } from '../members/member-store.ts';
import { insertCustodial } from './custody-store.ts';
import { checkFresh } from './fresh.ts';
import type { CustodySettings } from './settings.ts';

export const custodialCreationSchema = z.strictObject({
  /** The `createCustodial` directory operation, signed by the merchant's key it names. */
  operation: z.unknown(),
  /** The alias in the clear (the log holds only its commitment): where the claim code goes. */
  alias: aliasValueSchema,
  salt: b64urlSchema.min(16).max(64),
  /** The loyalty-only member token made with the member (seed 001, "Members"). */
  memberToken: z.strictObject({
    limitations: memberTokenLimitationsSchema,
    metadata: metadataSchema.optional(),
  }),
});

/**
 * A merchant creates a member on a customer's behalf (issue 9): the log's first operation names the
 * merchant as custodian and the cloud as claim authority, and gives the member no keys; the cloud
 * indexes the alias (keyed hash) for the claim and makes a loyalty-only member token the merchant
 * holds. One transaction: the member, its custody row and its token exist together or not at all.
 */
export async function createCustodialMember(
  ctx: MemberTokenContext,
  settings: CustodySettings,
  caller: Caller,
  input: unknown,
): Promise<{ member: MemberState; token: MemberTokenRow }> {
  const { deps } = ctx;
  const body = parseWith(custodialCreationSchema, input, 'custodial member');
  const { state, op } = await appendOperation(null, body.operation, deps.backend).catch((e: unknown) => {
    if (e instanceof ProtocolError)
      throw new ProtocolError(e.code, `operation: ${e.message}`, {
        field: `operation.${e.field ?? ''}`,
        cause: e,
      });
    throw e;
  });
  if (op.action.kind !== 'createCustodial')
    throw new ProtocolError(
      'Malformed',
      `operation.action.kind: expected createCustodial, got ${op.action.kind}`,
      {
        field: 'operation.action.kind',
      },
    );
  const action = op.action;
  checkFresh(op.createdAt, deps.now(), 'operation.createdAt');
  // The merchant signs for itself: the custodian is the caller, and its key signed the request.
  if (action.custodian.memberId !== caller.memberId || action.custodian.key.id !== caller.key.id)
    throw new ProtocolError(
      'Forbidden',
      `operation.action.custodian: expected ${caller.memberId} with the request's key ${caller.key.id}`,
      { field: 'operation.action.custodian' },
    );
  if (action.claimAuthority.id !== deps.cloudKey.keyId)
    throw new ProtocolError(
      'Conflict',
      `operation.action.claimAuthority: expected this cloud's key ${deps.cloudKey.keyId} (GET /api/v1/custody/policy), got ${action.claimAuthority.id}`,
      { field: 'operation.action.claimAuthority' },
    );
  const latest = op.createdAt + settings.maxCustodyMs;
  if (action.claimBy > latest)
    throw new ProtocolError(
      'Malformed',
      `operation.action.claimBy: expected at most ${latest} (${settings.maxCustodyMs} ms after creation), got ${action.claimBy}`,
      { field: 'operation.action.claimBy' },
    );
  const alias = normalizeAlias(body.alias);
  if (alias.type === 'DOMAIN')
    throw new ProtocolError(
      'Malformed',
      'alias.type: a member is claimed by a code sent to an EMAIL or PHONE',
      {
        field: 'alias.type',
      },
    );
  if (action.alias.type !== alias.type || action.alias.commitment !== aliasCommitment(alias, body.salt))
    throw new ProtocolError(
      'Malformed',
      'alias: does not match the commitment in the operation under this salt',
      {
        field: 'alias',
      },
    );
  const spec = parseWith(
    memberTokenSpecSchema,
    {
      type: 'MemberTokenSpec',
      version: 1,
      holder: caller.memberId,
      entityType: 'consumer',
      loyalty: true,
      limitations: body.memberToken.limitations,
      entitlements: [],
      metadata: body.memberToken.metadata ?? [],
    },
    'memberToken',
  );
  const lookupHash = aliasLookupHash(await aliasKeysFor(deps), alias);
  const id = newInternalId(deps.randomBytes);
  try {
    const token = await deps.db.transaction(async (tx) => {
      await insertMember(tx, state, op);
      await insertCustodial(tx, {
        member_id: state.memberId,
        custodian_id: caller.memberId,
        alias_type: alias.type as 'EMAIL' | 'PHONE',
        lookup_hash: lookupHash,
        commitment: action.alias.commitment,
        salt: body.salt,
        claim_by: new Date(action.claimBy),
        created_at: new Date(op.createdAt),
      });
      return insertMemberToken(tx, {
        id,
        parent_id: null,
        root_id: id,
        depth: 0,
        owner_id: state.memberId,
        holder_id: caller.memberId,
        merchant_of_record: caller.memberId,
        // No backing transfer token: nothing the merchant holds can move the user's money.
        backing_token_id: null,
        entity_type: spec.entityType,
        loyalty: true,
        limitations: spec.limitations,
        entitlements: [],
        metadata: spec.metadata,
        destination: null,
        usage: usageToJson(emptyUsage()),
        status: 'active',
        created_at: new Date(deps.now()),
      });
    });
    return { member: state, token };
  } catch (e) {
    if (isUniqueViolation(e))
      throw new ProtocolError('Conflict', `member ${state.memberId} already exists`, { field: 'operation' });
    throw e;
  }
}
