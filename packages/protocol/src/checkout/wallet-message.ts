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

/**
 * What the wallet's popup tells the merchant page before it leaves the wallet's origin in the
 * middle of a checkout (a bank's consent page, to link an account). That page's
 * Cross-Origin-Opener-Policy may put the popup in another browsing context group: the merchant
 * page then reads `popup.closed` as true although the shopper is still at it (HTML, "browsing
 * context group switches due to cross-origin opener policy"). Told this first, the widget keeps
 * waiting for the cloud's answer instead of calling a cut-off popup closed. It carries no outcome:
 * the result still comes only as a walletMessage or from the cloud. Sent like a walletMessage: to
 * the request's exact returnOrigin, with the widget's nonce.
 */
export const walletDetourSchema = z.strictObject({
  type: z.literal('tokenos:detour'),
  version: z.literal(1),
  requestId: hashIdSchema,
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
export type WalletDetour = z.infer<typeof walletDetourSchema>;
