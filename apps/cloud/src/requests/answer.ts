import {
  type AccessTokenPayload,
  ProtocolError,
  type TokenRequest,
  type TransferTokenPayload,
} from '@tokenos/protocol';

/**
 * Does this token answer this request, exactly? The browser carries only ids, so the cloud checks
 * that what the user endorsed is what the requester's backend asked for: same amount, currency,
 * description, refId and payee for a payment; the requester as grantee and no scope it did not ask
 * for in a grant.
 */
export function assertTokenAnswers(
  request: TokenRequest,
  requestId: string,
  payload: TransferTokenPayload | AccessTokenPayload,
): void {
  const fail: (field: string, message: string) => never = (field, message) => {
    throw new ProtocolError('Conflict', `token does not answer request ${requestId}: ${message}`, { field });
  };
  if (payload.requestId !== requestId) fail('payload.requestId', 'it names another request');
  if (payload.to.memberId !== request.signer.memberId)
    fail('payload.to.memberId', 'it is not made out to the requester');
  const body = request.body;
  // A member token answers with its own id (member-token-answer.ts), never with a bare token.
  if (body.kind === 'memberToken') fail('memberTokenId', 'a member token was requested');
  if (body.kind === 'transfer') {
    if (payload.type !== 'TransferToken') fail('payload.type', 'a payment was requested');
    const t = payload.transfer;
    if (t.amount.value !== body.amount.value || t.amount.currency !== body.amount.currency)
      fail(
        'payload.transfer.amount',
        `expected ${body.amount.value} ${body.amount.currency}, got ${t.amount.value} ${t.amount.currency}`,
      );
    if (t.description !== body.description) fail('payload.transfer.description', 'description differs');
    if (t.refId !== body.refId) fail('payload.transfer.refId', 'refId differs');
    if (payload.redeemer !== request.signer.memberId)
      fail('payload.redeemer', 'the requester must be the redeemer');
  } else {
    if (payload.type !== 'AccessToken') fail('payload.type', 'an access grant was requested');
    for (const r of payload.resources) {
      if (r.type === 'profile') {
        // The user may share fewer profile fields than the app asked for, never others.
        for (const f of r.fields)
          if (!body.profile?.includes(f)) fail('payload.resources', `profile field ${f} was not requested`);
        continue;
      }
      if (r.type !== 'account') fail('payload.resources', `access to ${r.type} data was not requested`);
      for (const s of r.scopes)
        if (!body.scopes.includes(s)) fail('payload.resources', `scope ${s} was not requested`);
    }
  }
}
