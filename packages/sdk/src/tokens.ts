import {
  type AccessResource,
  type AccessTokenPayload,
  type AccountRef,
  type BankEndorsement,
  base64url,
  type Cancellation,
  type Conditions,
  type Endorsement,
  type Money,
  type ScaEvidence,
  signObject,
  type TokenPayload,
  type TransferTokenPayload,
  tokenId,
  type UsageJson,
} from '@tokenos/protocol';
import type { Member } from './member.ts';
import { randomBytes } from './random.ts';

export type TokenStatus =
  | 'received'
  | 'valid'
  | 'rejected'
  | 'revokedByPsu'
  | 'terminatedByTpp'
  | 'replaced'
  | 'expired';

export interface TokenView {
  id: string;
  kind: 'transfer' | 'access';
  payload: TokenPayload;
  status: TokenStatus;
  endorsement: Endorsement | null;
  bankEndorsement: BankEndorsement | null;
  cancellation: Cancellation | null;
  sca: string | null;
  usage: UsageJson;
  replacedBy: string | null;
  replaces: string | null;
  requestId: string | null;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
}

export interface TransferView {
  id: string;
  tokenId: string;
  refId: string;
  amount: Money;
  destination: AccountRef;
  status: 'RCVD' | 'ACTC' | 'ACSC' | 'RJCT';
  reason: string | null;
  bankReference: string | null;
  createdAt: string;
  updatedAt: string;
}

const day = 24 * 3600 * 1000;

export interface TransferTokenOptions {
  payee: string;
  amount: Money;
  description: string;
  refId: string;
  source: AccountRef;
  /** Extra conditions; the currency is taken from `amount`. Default: single use. */
  conditions?: Omit<Conditions, 'currency'>;
  redeemer?: string;
  expiresInMs?: number;
  endorseUntil?: number;
  requestId?: string;
  /** A refund: the id of the transfer token whose money this one pays back (endorse with the Refund exemption). */
  refundOf?: string;
}

/** Builds a transfer token payload with a fresh nonce (two equal payments are two tokens). */
export function transferTokenPayload(member: Member, o: TransferTokenOptions): TransferTokenPayload {
  const now = member.client.now();
  const payload: TransferTokenPayload = {
    type: 'TransferToken',
    version: 1,
    nonce: base64url(randomBytes(16)),
    issuer: member.id,
    from: { memberId: member.id },
    to: { memberId: o.payee },
    redeemer: o.redeemer ?? o.payee,
    transfer: {
      amount: o.amount,
      description: o.description,
      refId: o.refId,
      source: o.source,
      ...(o.refundOf !== undefined ? { refundOf: o.refundOf } : {}),
    },
    conditions: { singleUse: true, ...o.conditions, currency: o.amount.currency },
    effectiveAt: now,
    expiresAt: now + (o.expiresInMs ?? 30 * day),
  };
  if (o.endorseUntil !== undefined) payload.endorseUntil = o.endorseUntil;
  if (o.requestId !== undefined) payload.requestId = o.requestId;
  return payload;
}

export interface AccessTokenOptions {
  grantee: string;
  resources: AccessResource[];
  /** Default and maximum 180 days (PSD2 RTS Art. 10). */
  expiresInMs?: number;
  requestId?: string;
}

export function accessTokenPayload(member: Member, o: AccessTokenOptions): AccessTokenPayload {
  const now = member.client.now();
  const payload: AccessTokenPayload = {
    type: 'AccessToken',
    version: 1,
    nonce: base64url(randomBytes(16)),
    issuer: member.id,
    from: { memberId: member.id },
    to: { memberId: o.grantee },
    resources: o.resources,
    effectiveAt: now,
    expiresAt: now + (o.expiresInMs ?? 180 * day),
  };
  if (o.requestId !== undefined) payload.requestId = o.requestId;
  return payload;
}

export async function createToken(member: Member, payload: TokenPayload): Promise<TokenView> {
  const signer = await member.signerFor('LOW');
  return member.client.send<TokenView>('POST', '/api/v1/tokens', payload, signer);
}

export async function getToken(member: Member, id: string): Promise<TokenView> {
  return member.client.send<TokenView>(
    'GET',
    `/api/v1/tokens/${id}`,
    undefined,
    await member.signerFor('LOW'),
  );
}

export async function listTokens(
  member: Member,
  query: { role?: 'payer' | 'payee' | 'any'; kind?: 'transfer' | 'access' } = {},
): Promise<TokenView[]> {
  const params = new URLSearchParams();
  if (query.role) params.set('role', query.role);
  if (query.kind) params.set('kind', query.kind);
  const qs = params.size ? `?${params}` : '';
  const res = await member.client.send<{ tokens: TokenView[] }>(
    'GET',
    `/api/v1/tokens${qs}`,
    undefined,
    await member.signerFor('LOW'),
  );
  return res.tokens;
}

/**
 * Signs the endorsement of a token with the least powerful key that is enough for it (LOW for a
 * low-value transfer, STANDARD otherwise) and the SCA evidence: a passkey assertion whose
 * challenge is `scaChallenge(token id)`, or the low-value exemption.
 */
export async function endorsementFor(
  member: Member,
  id: string,
  level: 'LOW' | 'STANDARD',
  sca: ScaEvidence,
): Promise<Endorsement> {
  const signer = await member.signerFor(level);
  return signObject(
    {
      type: 'Endorsement' as const,
      version: 1 as const,
      tokenId: id,
      signer: { memberId: member.id, keyId: signer.keyId },
      createdAt: member.client.now(),
      sca,
    },
    signer,
  );
}

export async function endorseToken(member: Member, id: string, endorsement: Endorsement): Promise<TokenView> {
  return member.client.send<TokenView>(
    'POST',
    `/api/v1/tokens/${id}/endorse`,
    endorsement,
    await member.signerFor('LOW'),
  );
}

export async function cancelToken(member: Member, id: string): Promise<TokenView> {
  const signer = await member.signerFor('LOW');
  const cancellation = await signObject(
    {
      type: 'Cancellation' as const,
      version: 1 as const,
      tokenId: id,
      signer: { memberId: member.id, keyId: signer.keyId },
      createdAt: member.client.now(),
    },
    signer,
  );
  return member.client.send<TokenView>('POST', `/api/v1/tokens/${id}/cancel`, cancellation, signer);
}

/** Replaces a live access grant with a new one (one grant per grantor/grantee pair). */
export async function replaceAccessToken(
  member: Member,
  oldId: string,
  payload: AccessTokenPayload,
  sca: ScaEvidence,
): Promise<TokenView> {
  const endorsement = await endorsementFor(member, tokenId(payload), 'STANDARD', sca);
  return member.client.send<TokenView>(
    'POST',
    `/api/v1/tokens/${oldId}/replace`,
    { payload, endorsement },
    await member.signerFor('STANDARD'),
  );
}

export interface RedeemOptions {
  amount: Money;
  refId: string;
  destination: AccountRef;
  location?: { country?: string; lat?: number; lon?: number };
}

/**
 * Redeems a transfer token; retrying with the same refId returns the first result, never a second
 * payment. Settled is `ACSC`, still at the bank `ACTC`; a bank that refused throws ApiError
 * `BankRefused` with its ISO 20022 status reason in `reason` (AM04: insufficient funds).
 */
export async function redeemToken(member: Member, id: string, o: RedeemOptions): Promise<TransferView> {
  return member.client.send<TransferView>(
    'POST',
    `/api/v1/tokens/${id}/redeem`,
    o,
    await member.signerFor('LOW'),
  );
}

export async function tokenTransfers(member: Member, id: string): Promise<TransferView[]> {
  const res = await member.client.send<{ transfers: TransferView[] }>(
    'GET',
    `/api/v1/tokens/${id}/transfers`,
    undefined,
    await member.signerFor('LOW'),
  );
  return res.transfers;
}
