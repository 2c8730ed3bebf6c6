import { z } from 'zod';
import { ProtocolError } from '../errors.ts';
import { objectId } from '../hash.ts';
import { parseWith } from '../validate.ts';
import { type AccessTokenPayload, accessTokenPayloadSchema } from './access-token.ts';
import { type TransferTokenPayload, transferTokenPayloadSchema } from './transfer-token.ts';

export const tokenPayloadSchema = z.union([transferTokenPayloadSchema, accessTokenPayloadSchema]);
export type TokenPayload = TransferTokenPayload | AccessTokenPayload;

/** A smart token's id: base64url(SHA-256(RFC 8785 payload)). Change anything, get another token. */
export function tokenId(payload: TokenPayload): string {
  return objectId(payload);
}

export function parseTokenPayload(input: unknown): TokenPayload {
  if (typeof input === 'object' && input !== null && 'type' in input) {
    if (input.type === 'TransferToken') return parseWith(transferTokenPayloadSchema, input, 'transfer token');
    if (input.type === 'AccessToken') return parseWith(accessTokenPayloadSchema, input, 'access token');
  }
  throw new ProtocolError('Malformed', 'type: expected TransferToken or AccessToken', { field: 'type' });
}

/** The asset owner: the payer of a transfer token, the grantor of an access token. */
export function assetOwner(payload: TokenPayload): string {
  return payload.from.memberId;
}
