import { ProtocolError, tokenIdSchema } from '@tokenos/protocol';

export function tokenIdParam(value: string): string {
  if (!tokenIdSchema.safeParse(value).success)
    throw new ProtocolError(
      'Malformed',
      `tokenId: expected a 43-character base64url id, got ${JSON.stringify(value.slice(0, 60))}`,
      { field: 'tokenId' },
    );
  return value;
}
