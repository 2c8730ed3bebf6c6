import { type MemberState, ProtocolError } from '@tokenos/protocol';
import { fetchVerifiedMember, isApiError } from '@tokenos/sdk';
import type { BankDeps } from './deps.ts';
import { UpstreamUnavailableError } from './http/problem.ts';

/**
 * A member's directory state as this bank verifies it: the whole log fetched from the cloud and
 * replayed from its first operation (signatures, chain, key levels), and checked to still contain
 * the newest head this bank saw before, so a cloud that rewrites or forks a log is caught (seed
 * 000: banks "do not need to trust cloud providers").
 */
export async function verifiedMember(deps: BankDeps, memberId: string): Promise<MemberState> {
  const known = await deps.db.maybeOne<{ seq: number; head: string }>(
    'select seq, head from member_heads where member_id = $1',
    [memberId],
  );
  let state: MemberState;
  try {
    state = await fetchVerifiedMember(
      deps.cloud,
      memberId,
      known ? { seq: known.seq, hash: known.head } : undefined,
    );
  } catch (e) {
    if (e instanceof ProtocolError) throw e;
    if (isApiError(e) && e.status === 404)
      throw new ProtocolError('NotFound', `the directory has no member ${memberId}`, { field: 'memberId' });
    throw new UpstreamUnavailableError('the cloud directory', e);
  }
  await deps.db.query(
    `insert into member_heads (member_id, seq, head) values ($1, $2, $3)
     on conflict (member_id) do update set seq = excluded.seq, head = excluded.head, updated_at = now()
     where member_heads.seq < excluded.seq`,
    [memberId, state.seq, state.head],
  );
  return state;
}
