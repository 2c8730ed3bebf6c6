import type { Db } from '@tokenos/db';
import { canonicalBytes, equalBytes, ProtocolError, type TokenRequest } from '@tokenos/protocol';
import { liveStatus, loadToken } from '../tokens/token-store.ts';

/**
 * The shipping-address part of an answer to a payment request (issue 9): what goes into the signed
 * result as `accessTokenId`. Undefined when the request asked for no address (the field is then
 * left out); null when the user declined to share one and the requester allowed that. An address
 * grant answers only if it is the answering member's live grant to the requester for this very
 * request and names exactly one address; anything else it names must come from the grant it
 * replaced (one grant per grantor/grantee pair), so checkout never widens what a merchant reads.
 */
export async function shippingAnswer(
  db: Db,
  args: {
    me: string;
    request: TokenRequest;
    requestId: string;
    accessTokenId: string | null | undefined;
    now: number;
  },
): Promise<string | null | undefined> {
  const body = args.request.body;
  const asked = body.kind === 'transfer' ? body.shippingAddress : undefined;
  if (asked === undefined) {
    if (args.accessTokenId != null)
      throw new ProtocolError('Malformed', `request ${args.requestId} asked for no shipping address`, {
        field: 'accessTokenId',
      });
    return undefined;
  }
  if (args.accessTokenId == null) {
    if (asked === 'required')
      throw new ProtocolError('Conflict', `request ${args.requestId} requires a shipping address`, {
        field: 'accessTokenId',
      });
    return null;
  }
  const id = args.accessTokenId;
  const fail = (message: string, field = 'accessTokenId'): never => {
    throw new ProtocolError(
      'Conflict',
      `access token ${id} does not answer request ${args.requestId}: ${message}`,
      {
        field,
      },
    );
  };
  const row = await loadToken(db, id);
  if (!row || row.payer !== args.me || row.payload.type !== 'AccessToken')
    throw new ProtocolError('NotFound', `no access token ${id} granted by you`, { field: 'accessTokenId' });
  const status = liveStatus(row, args.now);
  if (status !== 'valid') fail(`it is ${status}, not valid`);
  const payload = row.payload;
  if (payload.requestId !== args.requestId) fail('it names another request', 'accessTokenId.requestId');
  if (payload.to.memberId !== args.request.signer.memberId)
    fail('it is not granted to the requester', 'accessTokenId.to.memberId');
  const addresses = payload.resources.filter((r) => r.type === 'address');
  if (addresses.length !== 1)
    fail(`it names ${addresses.length} addresses, expected one`, 'accessTokenId.resources');
  const others = payload.resources.filter((r) => r.type !== 'address');
  if (others.length > 0) {
    const replaced = row.replaces ? await loadToken(db, row.replaces) : undefined;
    const before = replaced?.payload.type === 'AccessToken' ? replaced.payload.resources : [];
    for (const r of others)
      if (!before.some((b) => equalBytes(canonicalBytes(b), canonicalBytes(r))))
        fail(`it adds a ${r.type} resource the checkout did not ask for`, 'accessTokenId.resources');
  }
  return id;
}
