import {
  aliasCommitment,
  aliasValueSchema,
  appendOperation,
  b64urlSchema,
  type MemberState,
  normalizeAlias,
  ProtocolError,
  parseWith,
} from '@tokenos/protocol';
import { z } from 'zod';
import { aliasKeysFor, aliasLookupHash } from '../aliases/pepper.ts';
import type { CloudDeps } from '../deps.ts';
import { appendToMember, loadMember } from '../members/member-store.ts';
import { checkFresh } from './fresh.ts';

const changeSchema = z.strictObject({
  /** addAlias or removeAlias, signed by the custodian's key named at creation. */
  operation: z.unknown(),
  /** With addAlias: the new address in the clear, so the claim code goes there from now on. */
  alias: aliasValueSchema.optional(),
  salt: b64urlSchema.min(16).max(64).optional(),
});

/**
 * The custodian corrects the member's alias while it is unclaimed (a mistyped email): addAlias
 * re-points the claim index at the new address. Once the user has claimed the member the custodian
 * has no say (the chain rule refuses its key; this route refuses it first).
 */
export async function changeInCustody(
  deps: CloudDeps,
  callerId: string,
  memberId: string,
  input: unknown,
): Promise<MemberState> {
  const body = parseWith(changeSchema, input, 'custodian change');
  return deps.db.transaction(async (tx) => {
    const before = await loadMember(tx, memberId, { forUpdate: true });
    if (!before) throw new ProtocolError('NotFound', `no member ${memberId}`, { field: 'memberId' });
    if (before.custody?.custodian.memberId !== callerId)
      throw new ProtocolError(
        'Forbidden',
        before.claimed
          ? `member ${memberId} has been claimed: only its own keys change it`
          : `only the custodian of member ${memberId} changes it`,
        { field: 'memberId' },
      );
    const { state, op } = await appendOperation(before, body.operation, deps.backend).catch((e: unknown) => {
      if (e instanceof ProtocolError)
        throw new ProtocolError(e.code, `operation: ${e.message}`, {
          field: `operation.${e.field ?? ''}`,
          cause: e,
        });
      throw e;
    });
    checkFresh(op.createdAt, deps.now(), 'operation.createdAt');
    const custodial = await tx.one<{ commitment: string }>(
      "select commitment from custodial_members where member_id = $1 and status = 'pending' for update",
      [memberId],
    );
    if (op.action.kind === 'addAlias') {
      const alias = body.alias && body.salt !== undefined ? normalizeAlias(body.alias) : undefined;
      if (!alias || alias.type === 'DOMAIN' || body.salt === undefined)
        throw new ProtocolError('Malformed', 'alias: addAlias needs the EMAIL or PHONE alias and its salt', {
          field: 'alias',
        });
      if (
        op.action.alias.type !== alias.type ||
        op.action.alias.commitment !== aliasCommitment(alias, body.salt)
      )
        throw new ProtocolError('Malformed', 'alias: does not match the commitment in the operation', {
          field: 'alias',
        });
      await tx.query(
        'update custodial_members set alias_type = $2, lookup_hash = $3, commitment = $4, salt = $5 where member_id = $1',
        [
          memberId,
          alias.type,
          aliasLookupHash(await aliasKeysFor(deps), alias),
          op.action.alias.commitment,
          body.salt,
        ],
      );
    } else if (op.action.kind === 'removeAlias' && op.action.commitment === custodial.commitment)
      throw new ProtocolError(
        'Conflict',
        'operation.action.commitment: this is the alias the member is claimed by',
        {
          field: 'operation.action.commitment',
        },
      );
    await appendToMember(tx, state, op);
    return state;
  });
}
