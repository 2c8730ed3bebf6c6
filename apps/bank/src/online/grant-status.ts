import { ProtocolError, parseWith, tokenIdSchema } from '@tokenos/protocol';
import { z } from 'zod';
import type { BankDeps } from '../deps.ts';

/** The status the cloud reports for an access token (GET /api/v1/access/:tokenId/status, signed by this bank). */
const tokenStatusSchema = z.object({ tokenId: tokenIdSchema, status: z.string().max(40) });

/**
 * Asks the cloud, with this bank's own signature, whether nobody cancelled a grant on its accounts:
 * the cloud's forwarding of a read is no proof of that. Throws UpstreamUnavailable when it does
 * not answer (no answer, no read).
 */
export async function grantStatusAtCloud(deps: BankDeps, tokenId: string): Promise<string> {
  const signer = await deps.member.signerFor('LOW');
  const answer = parseWith(
    tokenStatusSchema,
    await deps.cloud.signedGet<unknown>(`/api/v1/access/${tokenId}/status`, signer, deps.randomBytes(16)),
    'token status',
  );
  if (answer.tokenId !== tokenId)
    throw new ProtocolError('Malformed', `the cloud answered for token ${answer.tokenId}`, {
      field: 'tokenId',
    });
  return answer.status;
}
