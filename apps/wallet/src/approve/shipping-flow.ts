// A payment that shares a shipping address (issue 9): two tokens, one approval. The transfer token
// pays the merchant; an access token lets the merchant read the chosen address. One passkey
// assertion (through Secure Payment Confirmation where the browser has it) covers both: its challenge is scaBundleChallenge(both ids), and each endorsement
// carries it with the ids (the cloud and the bank check the challenge names the token endorsed).
import { type TokenRequestResult, tokenId as tokenIdOf } from '@tokenos/protocol';
import {
  accessTokenPayload,
  cancelToken,
  createToken,
  endorsementFor,
  endorseToken,
  getToken,
  listTokens,
  replaceAccessToken,
  type TokenView,
} from '@tokenos/sdk';
import { bundleEvidence } from '../wallet/passkey.ts';
import { WalletError } from '../wallet/wallet-error.ts';
import { answer, createRequestedTransfer, endorseAndCosign, type PaymentArgs } from './flows.ts';

/** How long the merchant may read the address: enough to ship and handle a return. */
const shippingGrantMs = 30 * 24 * 3600 * 1000;

export async function approvePaymentWithAddress(
  a: PaymentArgs & { addressId: string },
): Promise<{ token: TokenView; result: TokenRequestResult }> {
  const body = a.request.body;
  if (body.kind !== 'transfer') throw new WalletError('NotAnswerable', 'not a payment request');
  const merchant = a.request.signer.memberId;
  a.onStep('creating');
  let transfer: TokenView | undefined;
  if (a.tokenId) {
    const earlier = await getToken(a.member, a.tokenId).catch(() => undefined);
    if (earlier?.status === 'received' && !earlier.endorsement) transfer = earlier;
  }
  if (!transfer) transfer = await createRequestedTransfer(a);
  const transferId = transfer.id;
  a.onToken(transferId);

  // One grant per grantor and grantee: a live grant to this merchant is replaced, keeping what
  // else it allowed and swapping its address for the one chosen now.
  const live = (await listTokens(a.member, { role: 'payer', kind: 'access' })).find(
    (t) => t.status === 'valid' && t.payload.to.memberId === merchant && t.payload.type === 'AccessToken',
  );
  const kept =
    live?.payload.type === 'AccessToken' ? live.payload.resources.filter((r) => r.type !== 'address') : [];
  const payload = accessTokenPayload(a.member, {
    grantee: merchant,
    resources: [...kept, { type: 'address', addressId: a.addressId }],
    expiresInMs: shippingGrantMs,
    requestId: a.requestId,
  });
  const accessId = live ? tokenIdOf(payload) : (await createToken(a.member, payload)).id;

  a.onStep('passkey');
  // Secure Payment Confirmation where the browser has it: its dialog shows the payment, and the
  // challenge names both tokens; the cloud accepts it for the grant to this same payee.
  const sca = await bundleEvidence([transferId, accessId], a.passkeys, a.spc);

  a.onStep('endorsing');
  let token: TokenView;
  try {
    token = await endorseAndCosign(
      a.member,
      transferId,
      async () =>
        endorseToken(a.member, transferId, await endorsementFor(a.member, transferId, 'STANDARD', sca)),
      a.onStep,
    );
  } catch (e) {
    // No payment, no address: the grant made for it is withdrawn before it was ever live.
    if (!live) await cancelToken(a.member, accessId).catch(() => undefined);
    throw e;
  }
  if (live) await replaceAccessToken(a.member, live.id, payload, sca);
  else await endorseToken(a.member, accessId, await endorsementFor(a.member, accessId, 'STANDARD', sca));

  a.onStep('answering');
  return {
    token,
    result: await answer(a.member, a.requestId, { tokenId: transferId, accessTokenId: accessId }),
  };
}
