import { type Cancellation, signObject } from '@tokenos/protocol';
import { isApiError } from '@tokenos/sdk';
import type { BankDeps } from '../deps.ts';

/**
 * Tells the cloud that the customer revoked a grant at the bank: a Cancellation signed by the
 * bank's own key, which the cloud accepts only for a grant on this bank's accounts. The bank's own
 * refusal does not wait for this; it holds from the moment the customer revoked.
 */
export async function tellCloudOfRevocation(deps: BankDeps, tokenId: string): Promise<boolean> {
  const signer = await deps.member.signerFor('LOW');
  const cancellation: Cancellation = await signObject(
    {
      type: 'Cancellation' as const,
      version: 1 as const,
      tokenId,
      signer: { memberId: deps.member.id, keyId: signer.keyId },
      createdAt: deps.now(),
    },
    signer,
  );
  try {
    await deps.cloud.send('POST', `/api/v1/access/${tokenId}/bank-revocation`, cancellation, signer);
  } catch (e) {
    // Unreachable, busy or failing: the periodic job tries again; the bank refuses reads meanwhile.
    // A refusal (4xx) is an answer: asking again would get the same one.
    if (!isApiError(e) || e.status >= 500 || e.status === 429) return false;
  }
  await deps.db.query('update access_grants set cloud_told_at = $2 where token_id = $1', [
    tokenId,
    new Date(deps.now()),
  ]);
  return true;
}

/** Revocations the cloud has not confirmed yet, sent again (the bank's periodic job). */
export async function retryCloudRevocations(deps: BankDeps): Promise<void> {
  const pending = await deps.db.query<{ token_id: string }>(
    'select token_id from access_grants where revoked_at is not null and cloud_told_at is null limit 50',
  );
  for (const row of pending) await tellCloudOfRevocation(deps, row.token_id);
}
