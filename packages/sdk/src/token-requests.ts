import {
  base64url,
  fromBase64url,
  getSignatureBackend,
  ProtocolError,
  parseWith,
  sha256,
  signObject,
  type TokenRequest,
  type TokenRequestResult,
  tokenRequestResultSchema,
  tokenRequestSignerLevel,
  utf8,
  verifyObjectSignature,
} from '@tokenos/protocol';
import type { CloudClient } from './client.ts';
import type { Member } from './member.ts';
import { randomBytes } from './random.ts';

export interface TokenRequestOptions {
  body: TokenRequest['body'];
  requester: { name: string; domain: string };
  /** Exact origin of the page that opened the wallet: the only postMessage target for the result. */
  returnOrigin: string;
  redirectUrl?: string;
  /** Default 15 minutes. */
  expiresInMs?: number;
}

export interface CreatedTokenRequest {
  id: string;
  request: TokenRequest;
  /** Keep this in the requester's session (never in the page); the result echoes its hash. */
  csrfToken: string;
  domainVerified: boolean;
}

/** base64url(SHA-256(csrf token)): what a request carries as `state`. */
export function csrfState(csrfToken: string): string {
  return base64url(sha256(utf8(csrfToken)));
}

/** A merchant's or AISP's backend asks for a token. The amount is fixed here, server side. */
export async function createTokenRequest(
  member: Member,
  o: TokenRequestOptions,
): Promise<CreatedTokenRequest> {
  const signer = await member.signerFor(tokenRequestSignerLevel);
  const csrfToken = base64url(randomBytes(32));
  const now = member.client.now();
  const unsigned: Omit<TokenRequest, 'signature'> = {
    type: 'TokenRequest',
    version: 1,
    nonce: base64url(randomBytes(16)),
    signer: { memberId: member.id, keyId: signer.keyId },
    createdAt: now,
    expiresAt: now + (o.expiresInMs ?? 15 * 60_000),
    body: o.body,
    requester: o.requester,
    returnOrigin: o.returnOrigin,
    state: csrfState(csrfToken),
  };
  if (o.redirectUrl !== undefined) unsigned.redirectUrl = o.redirectUrl;
  const request = await signObject(unsigned, signer);
  const res = await member.client.send<{ id: string; domainVerified: boolean }>(
    'POST',
    '/api/v1/token-requests',
    request,
    signer,
  );
  return { id: res.id, request, csrfToken, domainVerified: res.domainVerified };
}

export interface TokenRequestView {
  id: string;
  request: TokenRequest;
  domainVerified: boolean;
  status: 'pending' | 'approved' | 'declined' | 'expired';
}

export function getTokenRequest(client: CloudClient, id: string): Promise<TokenRequestView> {
  return client.get<TokenRequestView>(`/api/v1/token-requests/${id}`);
}

/** A request the member turned down, as the cloud kept it. */
export interface DeclinedTokenRequest {
  id: string;
  request: TokenRequest;
  outcome: 'declined';
  /** When the member declined it (ms since the epoch). */
  answeredAt: number;
}

/** The requests this member declined, newest first (at most `limit`, 50 by default). */
export async function listDeclinedTokenRequests(
  member: Member,
  o: { limit?: number } = {},
): Promise<DeclinedTokenRequest[]> {
  const params = new URLSearchParams({ outcome: 'declined' });
  if (o.limit !== undefined) params.set('limit', String(o.limit));
  const res = await member.client.send<{ requests: DeclinedTokenRequest[] }>(
    'GET',
    `/api/v1/token-requests?${params}`,
    undefined,
    await member.signerFor('LOW'),
  );
  return res.requests;
}

/** The wallet's answer: the token (or, for a member-token request, the member token) that answers it, or a decline. */
export async function answerTokenRequest(
  member: Member,
  id: string,
  answer: { tokenId: string; accessTokenId?: string | null } | { memberTokenId: string } | { declined: true },
): Promise<TokenRequestResult> {
  return member.client.send<TokenRequestResult>(
    'POST',
    `/api/v1/token-requests/${id}/result`,
    answer,
    await member.signerFor('LOW'),
  );
}

export function fetchTokenRequestResult(client: CloudClient, id: string): Promise<TokenRequestResult> {
  return client.get<TokenRequestResult>(`/api/v1/token-requests/${id}/result`);
}

/**
 * What a requester's backend runs on the result the browser brought back, before trusting it:
 * the cloud's signature under its published key, the request id it opened, and `state` equal to
 * the hash of the CSRF token kept in its own session. Refuses otherwise, always.
 */
export async function verifyTokenRequestResult(
  client: CloudClient,
  input: unknown,
  expected: { requestId: string; csrfToken: string },
): Promise<TokenRequestResult> {
  const result = parseWith(tokenRequestResultSchema, input, 'token request result');
  if (result.requestId !== expected.requestId)
    throw new ProtocolError(
      'Forbidden',
      `result is for request ${result.requestId}, not ${expected.requestId}`,
      { field: 'requestId' },
    );
  if (result.state !== csrfState(expected.csrfToken))
    throw new ProtocolError('Forbidden', 'result state does not match this session (CSRF)', {
      field: 'state',
    });
  const { keys } = await client.get<{
    keys: { keyId: string; algorithm: 'Ed25519' | 'P-256'; publicKey: string }[];
  }>('/api/v1/cloud/keys');
  const key = keys.find((k) => k.keyId === result.keyId);
  if (!key) throw new ProtocolError('UnknownKey', `the cloud has no key ${result.keyId}`, { field: 'keyId' });
  if (
    !(await verifyObjectSignature(result, key.algorithm, fromBase64url(key.publicKey), getSignatureBackend()))
  )
    throw new ProtocolError('InvalidSignature', 'result signature does not verify under the cloud key', {
      field: 'signature',
    });
  return result;
}
