import {
  assertFlagsAgree,
  canonicalize,
  customTokenLayout,
  encodeCustomMemberToken,
  fromHex,
  hex,
  type MemberTokenClaims,
  memberTokenFlagsOf,
  memberTokenFormat,
  openCustomMemberToken,
  ProtocolError,
  parseMemberTokenJwt,
  signMemberTokenJwt,
  verifyMemberTokenJwtSignature,
} from '@tokenos/protocol';
import type { MemberTokenContext } from './context.ts';
import { loadMemberToken, type MemberTokenRow } from './store.ts';

/** Seed 001, "Flags": what the stored token says, bit by bit. */
export function storedFlags(row: MemberTokenRow) {
  return memberTokenFlagsOf({
    entityType: row.entity_type,
    entitlementCount: row.entitlements.length,
    loyalty: row.loyalty,
    limitations: row.limitations,
  });
}

/**
 * The JWT claims of a stored token (seed 001, "Option 1"). Deterministic: `iat` is the creation
 * time and `exp` the subscription's end, so the same token always yields the same JWT. Entitlements
 * name who vouches for them but not the member they are about (the token hides the member).
 */
export function claimsFor(ctx: MemberTokenContext, row: MemberTokenRow, tokenId: string): MemberTokenClaims {
  const claims: MemberTokenClaims = {
    iss: ctx.deps.config.publicUrl,
    iat: Math.floor(row.created_at.getTime() / 1000),
    oin: ctx.oin,
    tokenId,
    entityType: row.entity_type,
    loyalty: row.loyalty,
    limitations: row.limitations,
    entitlements: row.entitlements.map((e) => ({
      type: e.entitlement.type,
      value: e.entitlement.value,
      attestedBy: e.signer.memberId,
    })),
    metadata: row.metadata,
  };
  // RFC 7519 §4.1.4: not accepted on or after exp; rounding down never outlives the subscription.
  if (row.limitations.expiresAt !== undefined) claims.exp = Math.floor(row.limitations.expiresAt / 1000);
  return claims;
}

export interface IssuedFormats {
  tokenId: string;
  jwt: string;
  /** 116 hex digits, under the currently active hash key. */
  custom: string;
}

/** Both formats of a stored token. Call outside any database transaction (it reads the keys). */
export async function issueFormats(ctx: MemberTokenContext, row: MemberTokenRow): Promise<IssuedFormats> {
  const tokenId = await ctx.publicId(row.id);
  const jwt = await signMemberTokenJwt(claimsFor(ctx, row, tokenId), {
    keyId: ctx.deps.cloudKey.keyId,
    signer: ctx.deps.cloudKey.signer,
  });
  const key = await ctx.activeHashKey();
  const custom = encodeCustomMemberToken(
    { oin: ctx.oin, flags: storedFlags(row), tokenId: fromHex(tokenId), keyId: fromHex(key.keyId) },
    key.secret,
  );
  return { tokenId, jwt, custom };
}

export interface PresentedToken {
  format: 'jwt' | 'custom';
  tokenId: string;
  row: MemberTokenRow;
}

function unknownToken(tokenId: string): ProtocolError {
  return new ProtocolError('NotFound', `no member token ${tokenId}`, { field: 'token' });
}

/**
 * Authenticates a token a merchant presents, in either format, and finds the stored token.
 * JWT: our header, our key (`kid`), a valid EdDSA signature, our OIN, and claims equal to what we
 * would issue now. Custom: openCustomMemberToken's checks (structure, OIN, key id, hash, retired
 * key), then the flags must agree with the stored limitations (seed 001; Conflict otherwise).
 */
export async function resolvePresentedToken(ctx: MemberTokenContext, text: string): Promise<PresentedToken> {
  const format = memberTokenFormat(text);
  if (format === 'jwt') {
    const jwt = parseMemberTokenJwt(text);
    if (jwt.header.kid !== ctx.deps.cloudKey.keyId)
      throw new ProtocolError(
        'UnknownKey',
        `kid: this cloud signs with ${ctx.deps.cloudKey.keyId}, not ${jwt.header.kid}`,
        {
          field: 'kid',
        },
      );
    if (!(await verifyMemberTokenJwtSignature(jwt, ctx.deps.cloudKey.publicKey, ctx.deps.backend)))
      throw new ProtocolError('InvalidSignature', 'the JWT signature does not verify under the cloud key', {
        field: 'signature',
      });
    if (jwt.claims.oin !== ctx.oin)
      throw new ProtocolError(
        'NotFound',
        `oin: expected ${ctx.oin} (this OpenToken server), got ${jwt.claims.oin}`,
        {
          field: 'oin',
        },
      );
    const row = await loadMemberToken(ctx.deps.db, await ctx.internalId(jwt.claims.tokenId));
    if (!row) throw unknownToken(jwt.claims.tokenId);
    if (canonicalize(claimsFor(ctx, row, jwt.claims.tokenId)) !== canonicalize(jwt.claims))
      throw new ProtocolError('Conflict', 'the JWT claims disagree with the stored member token', {
        field: 'claims',
      });
    return { format, tokenId: jwt.claims.tokenId, row };
  }
  const parsed = parseCustomTokenKeyId(text);
  const token = openCustomMemberToken(text, { oin: ctx.oin, keys: await ctx.hashKeysById(parsed) });
  const tokenId = hex(token.tokenId);
  const row = await loadMemberToken(ctx.deps.db, await ctx.internalId(tokenId));
  if (!row) throw unknownToken(tokenId);
  assertFlagsAgree(token.flags, storedFlags(row));
  return { format, tokenId, row };
}

/** Bytes 27-42 (seed 001, "Hash Key ID") of a 116-hex-digit token, to look the key up first. */
function parseCustomTokenKeyId(text: string): string {
  const { offset, length } = customTokenLayout.keyId;
  return text.slice(offset * 2, (offset + length) * 2).toLowerCase();
}
