import { z } from 'zod';
import { canonicalBytes } from '../canonical.ts';
import { keyIdSchema } from '../common.ts';
import { base64url, fromBase64url, utf8 } from '../encoding.ts';
import { ProtocolError } from '../errors.ts';
import { assertValidPublicKey } from '../public-key.ts';
import type { SignatureBackend } from '../signature.ts';
import type { MessageSigner } from '../signing.ts';
import { parseWith } from '../validate.ts';
import { type MemberTokenClaims, memberTokenClaimsSchema } from './claims.ts';

/**
 * The JWT format of a member token (seed 001, "Option 1"): a JWS Compact Serialization (RFC 7515
 * §7.1) signed by the cloud with EdDSA over Ed25519 (RFC 8037 §3.1), the key named by `kid` and
 * published as a JWK Set (RFC 7517 §5) at /.well-known/jwks.json, so any standard JWT library
 * verifies it. `typ` types it explicitly (RFC 8725 §3.11): no other JWT can pass for it.
 * Header and claims are serialised with RFC 8785, so the same token always has the same bytes.
 */
export const MEMBER_TOKEN_JWT_TYPE = 'opentoken-member+jwt';

export const memberTokenJwtHeaderSchema = z.strictObject({
  alg: z.literal('EdDSA'),
  typ: z.literal(MEMBER_TOKEN_JWT_TYPE),
  kid: keyIdSchema,
});
export type MemberTokenJwtHeader = z.infer<typeof memberTokenJwtHeaderSchema>;

export interface ParsedMemberTokenJwt {
  header: MemberTokenJwtHeader;
  claims: MemberTokenClaims;
  /** RFC 7515 §5.1 step 8: ASCII(BASE64URL(header) || '.' || BASE64URL(payload)). */
  signingInput: Uint8Array;
  signature: Uint8Array;
}

const MAX_JWT_LENGTH = 8192;

/** Signs claims with an Ed25519 signer (the cloud's key, which never leaves its signer). */
export async function signMemberTokenJwt(
  claims: MemberTokenClaims,
  o: { keyId: string; signer: MessageSigner },
): Promise<string> {
  if (o.signer.algorithm !== 'Ed25519')
    throw new ProtocolError(
      'Malformed',
      `signer: expected an Ed25519 key for EdDSA, got ${o.signer.algorithm}`,
      {
        field: 'signer',
      },
    );
  const header: MemberTokenJwtHeader = { alg: 'EdDSA', typ: MEMBER_TOKEN_JWT_TYPE, kid: o.keyId };
  const input = `${base64url(canonicalBytes(header))}.${base64url(canonicalBytes(parseWith(memberTokenClaimsSchema, claims, 'claims')))}`;
  const signature = await o.signer.sign(utf8(input));
  return `${input}.${base64url(signature)}`;
}

/** Strict UTF-8 decoding in plain ECMAScript: decodeURIComponent throws on any invalid sequence. */
function utf8Decode(bytes: Uint8Array, field: string): string {
  let escaped = '';
  for (const b of bytes) escaped += `%${b.toString(16).padStart(2, '0')}`;
  try {
    return decodeURIComponent(escaped);
  } catch {
    throw new ProtocolError('Malformed', `${field}: not valid UTF-8`, { field });
  }
}

function jsonPart(part: string, field: string): unknown {
  const text = utf8Decode(fromBase64url(part, field), field);
  try {
    return JSON.parse(text);
  } catch {
    throw new ProtocolError('Malformed', `${field}: not JSON`, { field });
  }
}

/**
 * Splits and parses a member-token JWT: three base64url parts, a header we issue (EdDSA, our
 * `typ`, a key id) and claims matching the schema. Throws Malformed; says nothing about the
 * signature (verifyMemberTokenJwtSignature).
 */
export function parseMemberTokenJwt(text: string): ParsedMemberTokenJwt {
  if (typeof text !== 'string' || text.length > MAX_JWT_LENGTH)
    throw new ProtocolError('Malformed', `token: expected a JWT of at most ${MAX_JWT_LENGTH} characters`, {
      field: 'token',
    });
  const parts = text.split('.');
  if (parts.length !== 3 || parts.some((p) => p.length === 0))
    throw new ProtocolError('Malformed', `token: expected three non-empty JWS parts, got ${parts.length}`, {
      field: 'token',
    });
  const [h, p, s] = parts as [string, string, string];
  const header = parseWith(memberTokenJwtHeaderSchema, jsonPart(h, 'header'), 'JWT header');
  const claims = parseWith(memberTokenClaimsSchema, jsonPart(p, 'claims'), 'JWT claims');
  return { header, claims, signingInput: utf8(`${h}.${p}`), signature: fromBase64url(s, 'signature') };
}

/** Whether the JWS signature holds under `publicKey` (Ed25519, RFC 8032). A bad one is `false`. */
export async function verifyMemberTokenJwtSignature(
  jwt: ParsedMemberTokenJwt,
  publicKey: Uint8Array,
  backend: SignatureBackend,
): Promise<boolean> {
  return backend.verify('Ed25519', publicKey, jwt.signingInput, jwt.signature);
}

/** One key of the JWK Set (RFC 7517 §4, RFC 8037 §2): what a JWT library needs to verify. */
export interface MemberTokenJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export function memberTokenJwk(keyId: string, publicKey: Uint8Array): MemberTokenJwk {
  assertValidPublicKey('Ed25519', publicKey);
  return { kty: 'OKP', crv: 'Ed25519', x: base64url(publicKey), kid: keyId, alg: 'EdDSA', use: 'sig' };
}
