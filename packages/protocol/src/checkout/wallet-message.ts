import { z } from 'zod';
import { hashIdSchema } from '../common.ts';
import { tokenRequestResultSchema } from '../tokens/token-request.ts';

/**
 * What the wallet's approval page sends back to the merchant page that opened it (ARCHITECTURE.md,
 * journey 1). Popup: `window.opener.postMessage(message, request.returnOrigin)`, the exact origin
 * from the signed request, never `*`. Redirect: `request.redirectUrl` with the message as
 * `#tokenos-result=<base64url(JSON)>` (a fragment, so it never reaches a server log).
 *
 * The widget opens `<wallet>/approve?request=<requestId>&nonce=<nonce>` and accepts a message
 * only from the wallet's exact origin, only for the request it opened, only with its own
 * per-session nonce. The merchant's backend then verifies `result` (the cloud's signature, the
 * request id, the CSRF state) before it trusts anything.
 */
export const walletMessageSchema = z.strictObject({
  type: z.literal('tokenos:result'),
  version: z.literal(1),
  requestId: hashIdSchema,
  /** The widget's per-session nonce from the approval URL, echoed unchanged. */
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  result: tokenRequestResultSchema,
});
export type WalletMessage = z.infer<typeof walletMessageSchema>;

/** The fragment key the redirect path uses. */
export const walletResultFragment = 'tokenos-result';
