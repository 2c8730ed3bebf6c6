import {
  type AccessTokenPayload,
  fromBase64url,
  objectId,
  parseWith,
  tokenRequestSchema,
  verifyObjectSignature,
} from '@tokenos/protocol';
import { z } from 'zod';
import type { BankDeps } from '../deps.ts';

const servedRequestSchema = z.object({ request: z.unknown() });

/**
 * The app behind a grant, as the app named itself in the token request it signed: the request is
 * fetched from the cloud but believed only if its id is its hash and the grantee's own directory key
 * signed it. Anything less gives no name (the page then says "An app"), never the cloud's word.
 */
export async function grantApp(
  deps: BankDeps,
  payload: AccessTokenPayload,
): Promise<{ name: string; domain: string } | undefined> {
  if (!payload.requestId) return undefined;
  try {
    const served = parseWith(
      servedRequestSchema,
      await deps.cloud.get<unknown>(`/api/v1/token-requests/${payload.requestId}`),
      'token request',
    );
    const request = parseWith(tokenRequestSchema, served.request, 'token request');
    if (objectId(request) !== payload.requestId || request.signer.memberId !== payload.to.memberId)
      return undefined;
    const grantee = await deps.cloud.verifiedMember(payload.to.memberId);
    const key = grantee.keys.find((k) => k.id === request.signer.keyId);
    if (!key) return undefined;
    if (!(await verifyObjectSignature(request, key.algorithm, fromBase64url(key.publicKey), deps.backend)))
      return undefined;
    return { name: request.requester.name, domain: request.requester.domain };
  } catch {
    // A name is a courtesy: the grant was verified without it.
    return undefined;
  }
}
