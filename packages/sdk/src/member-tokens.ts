import {
  type AccountRef,
  backingTransferToken,
  base64url,
  type Entitlement,
  type EntitlementAttestation,
  getSignatureBackend,
  type MemberTokenClaims,
  type MemberTokenDerivation,
  type MemberTokenEntityType,
  type MemberTokenJwk,
  type MemberTokenLimitations,
  type MemberTokenRefusal,
  type MemberTokenSpec,
  type MetadataEntry,
  type Money,
  memberTokenLimits,
  ProtocolError,
  parseMemberTokenJwt,
  publicKeyFromJwk,
  type ScaEvidence,
  signObject,
  type TransferTokenPayload,
  tokenId,
  verifyMemberTokenJwtSignature,
} from '@tokenos/protocol';
import { ApiError, isApiError } from './api-error.ts';
import type { CloudClient } from './client.ts';
import type { Member } from './member.ts';
import { randomBytes } from './random.ts';
import { endorsementFor } from './tokens.ts';

/** A member token as the cloud shows it (apps/cloud member-tokens/view.ts), both formats included. */
export interface MemberTokenView {
  tokenId: string;
  jwt: string;
  /** The custom format: 116 hex digits (seed 001, "Option 2"). */
  custom: string;
  oin: string;
  status: 'active' | 'pending' | 'cancelled' | 'expired' | 'rejected';
  entityType: MemberTokenEntityType;
  loyalty: boolean;
  loyaltyId: string | null;
  limitations: MemberTokenLimitations;
  entitlements: { type: string; value: string; attestedBy: string; verified: boolean }[];
  metadata: MetadataEntry[];
  holder: string;
  merchantOfRecord: string;
  parentTokenId: string | null;
  depth: number;
  usage: { count: number; total: Money };
  createdAt: string;
  cancelledAt: string | null;
  backingTokenId?: string;
  attestations?: EntitlementAttestation[];
}

export interface MemberTokenVerification extends MemberTokenView {
  /** The format the token was presented in. */
  format: 'jwt' | 'custom';
}

export interface MemberTokenChargeView {
  id: string;
  tokenId: string;
  refId: string;
  amount: Money;
  status: 'RCVD' | 'ACTC' | 'ACSC' | 'RJCT';
  reason: string | null;
  bankReference: string | null;
  transferId: string;
  createdAt: string;
}

/**
 * An entitlement vouched for by `attester` (a bank, say) about `subject`: signed with the
 * attester's STANDARD key over the entitlement and the member id, so anyone who knows the member
 * id can verify it against the attester's directory log.
 */
export async function attestEntitlement(
  attester: Member,
  subject: string,
  entitlement: Entitlement,
): Promise<EntitlementAttestation> {
  const signer = await attester.signerFor('STANDARD');
  return signObject(
    {
      type: 'EntitlementAttestation' as const,
      version: 1 as const,
      subject,
      entitlement,
      signer: { memberId: attester.id, keyId: signer.keyId },
      createdAt: attester.client.now(),
    },
    signer,
  );
}

export interface CreateMemberTokenOptions {
  /** The merchant that will hold and charge the token. */
  holder: string;
  /** Default consumer; a merchant entity must be limited to its holder (limitations.merchantId). */
  entityType?: 'consumer' | 'merchant';
  /** Whether the token doubles as a loyalty id. Default false. */
  loyalty?: boolean;
  limitations: MemberTokenLimitations;
  entitlements?: EntitlementAttestation[];
  metadata?: MetadataEntry[];
  /** The member's account the charges are paid from. */
  source: AccountRef;
  description?: string;
  /**
   * Strong customer authentication for the backing authorization, given its token id: a passkey
   * assertion over scaChallenge(id), or the low-value exemption where the policy allows it.
   */
  sca: (backingTokenId: string) => Promise<ScaEvidence>;
}

export interface MemberTokenCreationRequest {
  spec: MemberTokenSpec;
  transferToken: TransferTokenPayload;
  endorsement: Awaited<ReturnType<typeof endorsementFor>>;
}

/**
 * Builds a creation request: the spec, the multi-use transfer token behind it (its conditions are
 * the limitations) and the member's endorsement of it with the STANDARD key. Send it with
 * sendMemberTokenCreation; sending the same request again is safe (it retries the bank's step).
 */
export async function memberTokenCreation(
  member: Member,
  o: CreateMemberTokenOptions,
): Promise<MemberTokenCreationRequest> {
  const spec: MemberTokenSpec = {
    type: 'MemberTokenSpec',
    version: 1,
    holder: o.holder,
    entityType: o.entityType ?? 'consumer',
    loyalty: o.loyalty ?? false,
    limitations: o.limitations,
    entitlements: o.entitlements ?? [],
    metadata: o.metadata ?? [],
  };
  const transferToken = backingTransferToken(spec, {
    owner: member.id,
    source: o.source,
    nonce: base64url(randomBytes(16)),
    effectiveAt: member.client.now(),
    description: o.description ?? 'OpenToken member token',
  });
  const id = tokenId(transferToken);
  const endorsement = await endorsementFor(member, id, 'STANDARD', await o.sca(id));
  return { spec, transferToken, endorsement };
}

export async function sendMemberTokenCreation(
  member: Member,
  request: MemberTokenCreationRequest,
): Promise<MemberTokenView> {
  return member.client.send<MemberTokenView>(
    'POST',
    '/api/v1/member-tokens',
    request,
    await member.signerFor('STANDARD'),
  );
}

/** Creates and endorses a member token for a merchant (issue 7). */
export async function createMemberToken(
  member: Member,
  o: CreateMemberTokenOptions,
): Promise<MemberTokenView> {
  return sendMemberTokenCreation(member, await memberTokenCreation(member, o));
}

/** Reads a token in both formats; for the member, its holder and the holders of its parents. */
export async function getMemberToken(member: Member, id: string): Promise<MemberTokenView> {
  return member.client.send<MemberTokenView>(
    'GET',
    `/api/v1/member-tokens/${id}`,
    undefined,
    await member.signerFor('LOW'),
  );
}

/** The member's own tokens (root and derived), newest first, each with its usage. */
export async function listMemberTokens(
  member: Member,
  o: { limit?: number } = {},
): Promise<MemberTokenView[]> {
  const query = o.limit === undefined ? '' : `?limit=${o.limit}`;
  const { tokens } = await member.client.send<{ tokens: MemberTokenView[] }>(
    'GET',
    `/api/v1/member-tokens${query}`,
    undefined,
    await member.signerFor('LOW'),
  );
  return tokens;
}

/** Asks the cloud about a token presented in either format: its status, limitations, entitlements. */
export async function verifyMemberToken(member: Member, token: string): Promise<MemberTokenVerification> {
  return member.client.send<MemberTokenVerification>(
    'POST',
    '/api/v1/member-tokens/verify',
    { token },
    await member.signerFor('LOW'),
  );
}

export async function fetchMemberTokenJwks(client: CloudClient): Promise<{ keys: MemberTokenJwk[] }> {
  return client.get<{ keys: MemberTokenJwk[] }>('/.well-known/jwks.json');
}

/**
 * Checks a member-token JWT offline, against the cloud's published JWK Set: the key named by `kid`
 * and a valid EdDSA signature. Returns the claims; throws ProtocolError (UnknownKey,
 * InvalidSignature, Malformed). Whether the token is still active only the cloud knows
 * (verifyMemberToken).
 */
export async function verifyMemberTokenJwt(
  jwt: string,
  jwks: { keys: readonly MemberTokenJwk[] },
): Promise<MemberTokenClaims> {
  const parsed = parseMemberTokenJwt(jwt);
  const jwk = jwks.keys.find((k) => k.kid === parsed.header.kid);
  if (!jwk)
    throw new ProtocolError('UnknownKey', `kid: no key ${parsed.header.kid} in the JWK Set`, {
      field: 'kid',
    });
  const { algorithm, publicKey } = publicKeyFromJwk(jwk);
  if (
    algorithm !== 'Ed25519' ||
    !(await verifyMemberTokenJwtSignature(parsed, publicKey, getSignatureBackend()))
  )
    throw new ProtocolError('InvalidSignature', 'the JWT signature does not verify under the published key', {
      field: 'signature',
    });
  return parsed.claims;
}

/** One limit a charge ran into, and at which level of the chain (0 = the root token). */
export interface ExceededLimit {
  limit: MemberTokenRefusal;
  level: number;
  field: string;
  message: string;
}

const refusals: readonly string[] = [...memberTokenLimits, 'currency'];

/**
 * A charge refused by the token's limitations (ConditionFailed): `limits` says which ones, in the
 * seed's words ('amount', 'creditLimit', 'subscription', 'recurrence', 'singleUse', ...), so a
 * caller branches on them, never on message text.
 */
export class MemberTokenLimitError extends ApiError {
  readonly limits: readonly ExceededLimit[];
  constructor(e: ApiError) {
    super(e.status, e.code, e.message, e);
    this.name = 'MemberTokenLimitError';
    this.limits = (e.reasons ?? []).flatMap((r) => {
      const level = r.level;
      return refusals.includes(r.code)
        ? [
            {
              limit: r.code as MemberTokenRefusal,
              level: typeof level === 'number' ? level : 0,
              field: r.field ?? '',
              message: r.message,
            },
          ]
        : [];
    });
  }

  exceeded(limit: MemberTokenRefusal): boolean {
    return this.limits.some((l) => l.limit === limit);
  }
}

export function isMemberTokenLimitError(e: unknown, limit?: MemberTokenRefusal): e is MemberTokenLimitError {
  return e instanceof MemberTokenLimitError && (limit === undefined || e.exceeded(limit));
}

export interface ChargeMemberTokenOptions {
  amount: Money;
  /** Idempotency key: a retry with the same refId returns the first result, never a second charge. */
  refId: string;
  location?: { country?: string; lat?: number; lon?: number };
  /** The merchant's account; only when charging a root token (sub-tokens pay where their root merchant said). */
  destination?: AccountRef;
}

/** Charges a token the merchant holds (either format); a refusal by a limit is a MemberTokenLimitError. */
export async function chargeMemberToken(
  merchant: Member,
  token: string,
  o: ChargeMemberTokenOptions,
): Promise<MemberTokenChargeView> {
  try {
    return await merchant.client.send<MemberTokenChargeView>(
      'POST',
      '/api/v1/member-tokens/charge',
      { token, ...o },
      await merchant.signerFor('LOW'),
    );
  } catch (e) {
    if (isApiError(e, 'ConditionFailed')) throw new MemberTokenLimitError(e);
    throw e;
  }
}

/**
 * Derives a sub-token for a sub-merchant (seed 001, "Sub Member Token"). A child looser than its
 * parent in any dimension is refused: ApiError ConditionFailed, each reason naming the limitation
 * (`limitations.amount`, ...).
 */
export async function deriveMemberToken(
  merchant: Member,
  parentTokenId: string,
  o: MemberTokenDerivation,
): Promise<MemberTokenView> {
  return merchant.client.send<MemberTokenView>(
    'POST',
    `/api/v1/member-tokens/${parentTokenId}/derive`,
    o,
    await merchant.signerFor('STANDARD'),
  );
}

/** Cancels a token and every token derived from it. */
export async function cancelMemberToken(member: Member, id: string): Promise<MemberTokenView> {
  return member.client.send<MemberTokenView>(
    'POST',
    `/api/v1/member-tokens/${id}/cancel`,
    undefined,
    await member.signerFor('LOW'),
  );
}
