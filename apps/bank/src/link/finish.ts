import { accountLinkSchema, objectId, ProtocolError, parseWith } from '@tokenos/protocol';
import { z } from 'zod';
import type { BankDeps } from '../deps.ts';
import { activateLink, loadLink } from './store.ts';

export const finishLinkSchema = z.strictObject({ link: z.unknown() });

/**
 * POST /connector/v1/links/finish, signed by the member the link names: proof that whoever asked
 * for the link holds that member's keys. Until then the consent the customer gave is pending and
 * links nothing, so a consent page opened with somebody else's member id is harmless. Idempotent:
 * finishing an active link again answers the same.
 */
export async function finishLink(deps: BankDeps, callerId: string, input: unknown) {
  const { link: raw } = parseWith(finishLinkSchema, input, 'finish request');
  const link = parseWith(accountLinkSchema, raw, 'account link');
  const linkId = objectId(link);
  const row = await loadLink(deps.db, linkId);
  if (!row || row.link.bankId !== deps.member.id)
    throw new ProtocolError('NotFound', 'this bank issued no such account link', { field: 'link' });
  if (row.member_id !== callerId)
    throw new ProtocolError(
      'Forbidden',
      `the link is for member ${row.member_id}, the request is signed by ${callerId}`,
      { field: 'link.memberId' },
    );
  const now = deps.now();
  const active =
    row.status === 'active' ? row : await activateLink(deps.db, { linkId, memberId: callerId, now });
  if (!active) {
    if (row.status === 'revoked')
      throw new ProtocolError('Cancelled', 'the customer revoked this link', { field: 'link' });
    throw new ProtocolError('Expired', `the link had to be finished before ${row.expires_at.toISOString()}`, {
      field: 'link',
    });
  }
  return {
    status: 'active' as const,
    bankId: deps.member.id,
    memberId: callerId,
    accounts: row.link.accounts,
  };
}
