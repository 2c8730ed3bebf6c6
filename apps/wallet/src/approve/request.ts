// Loading a token request for approval. The wallet does not take the cloud's word for what the
// requester asked: the request id is the hash of the request (objectId), and the request carries
// the requester's signature, checked here against the requester's own directory log.
import {
  assertSignedByMemberKey,
  getSignatureBackend,
  isProtocolError,
  objectId,
  ProtocolError,
  parseWith,
  type TokenRequest,
  tokenRequestSchema,
  tokenRequestSignerLevel,
} from '@tokenos/protocol';
import { type CloudClient, fetchVerifiedMember, getTokenRequest } from '@tokenos/sdk';
import { assertReturnOnRequester } from './return.ts';

export interface LoadedRequest {
  id: string;
  request: TokenRequest;
  domainVerified: boolean;
  status: 'pending' | 'approved' | 'declined' | 'expired';
}

/** The widget's per-session nonce (`&nonce=`), echoed in the result message; see walletMessageSchema. */
export function parseNonce(value: string | null): string | undefined {
  return value !== null && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : undefined;
}

export async function loadTokenRequest(client: CloudClient, id: string): Promise<LoadedRequest> {
  const view = await getTokenRequest(client, id);
  const request = parseWith(tokenRequestSchema, view.request, 'token request');
  if (objectId(request) !== id)
    throw new ProtocolError('InvalidSignature', `request content does not hash to ${id}`, {
      field: 'request',
    });
  // The same rule the cloud applied when the request was posted, judged at the request's time:
  // a request stays approvable until it expires even if a short-lived requester key ends first.
  const requester = await fetchVerifiedMember(client, request.signer.memberId);
  try {
    await assertSignedByMemberKey({
      member: requester,
      signer: request.signer,
      required: tokenRequestSignerLevel,
      now: request.createdAt,
      field: 'signer.keyId',
      signed: request,
      backend: getSignatureBackend(),
      signatureField: 'signature',
    });
  } catch (e) {
    // To the person approving, any of these means one thing: the requester did not sign this.
    if (isProtocolError(e))
      throw new ProtocolError(
        'InvalidSignature',
        `the request is not signed by its requester: ${e.message}`,
        {
          field: 'signature',
          cause: e,
        },
      );
    throw e;
  }
  // Before the user is asked anything: nothing is paid for a request that would send them elsewhere.
  assertReturnOnRequester(request);
  const status =
    view.status === 'pending' && request.expiresAt <= Date.now() ? ('expired' as const) : view.status;
  return { id, request, domainVerified: view.domainVerified === true, status };
}
