// Handing the result back to the page that asked (packages/protocol checkout/wallet-message.ts):
// to the opener by postMessage, only to the request's exact returnOrigin, or by redirect to the
// request's redirectUrl with the message in the fragment (never sent to a server).
import {
  base64url,
  returnTargetIssue,
  type TokenRequest,
  type TokenRequestResult,
  utf8,
  type WalletMessage,
  walletDetourSchema,
  walletMessageSchema,
  walletResultFragment,
} from '@tokenos/protocol';
import { WalletError } from '../wallet/wallet-error.ts';

type ReturnTargets = Pick<TokenRequest, 'requester' | 'returnOrigin' | 'redirectUrl'>;

/**
 * The wallet's own check, whatever the cloud said: a request sends the user back only to the
 * domain the wallet shows as its requester (packages/protocol tokens/return-target.ts). Plain http
 * is allowed for local names only (localhost, *.test), which never lead to a public site; the cloud
 * allows even those in development only.
 */
export function assertReturnOnRequester(request: ReturnTargets): void {
  const issue = returnTargetIssue(request, { allowLocalHttp: true });
  if (issue) throw new WalletError('ForeignReturn', issue.message);
}

export function walletMessage(requestId: string, nonce: string, result: TokenRequestResult): WalletMessage {
  return walletMessageSchema.parse({ type: 'tokenos:result', version: 1, requestId, nonce, result });
}

/** `redirectUrl#tokenos-result=<base64url(JSON)>`, replacing any fragment the URL had. */
export function resultRedirectUrl(redirectUrl: string, message: WalletMessage): string {
  const url = new URL(redirectUrl);
  url.hash = `${walletResultFragment}=${base64url(utf8(JSON.stringify(message)))}`;
  return url.href;
}

export type Returned = 'posted' | 'redirected' | 'none';

/** The window's parts returning uses; tests pass their own. */
export interface ReturnEnvironment {
  opener: { readonly closed: boolean; postMessage(message: unknown, targetOrigin: string): void } | null;
  close: () => void;
  assign: (url: string) => void;
}

/**
 * Popup first (the widget listens on the opener), then the redirect URL; with neither, the page
 * says so and the widget learns the outcome by polling the cloud. A request whose return is off its
 * requester's domain (refused when it was loaded, so only a bug gets here) goes nowhere.
 */
export function returnToRequester(
  message: WalletMessage,
  request: ReturnTargets,
  env: ReturnEnvironment = {
    opener: window.opener as Window | null,
    close: () => window.close(),
    assign: (url) => window.location.assign(url),
  },
): Returned {
  if (returnTargetIssue(request, { allowLocalHttp: true })) return 'none';
  if (env.opener && !env.opener.closed) {
    env.opener.postMessage(message, request.returnOrigin);
    env.close();
    return 'posted';
  }
  if (request.redirectUrl) {
    env.assign(resultRedirectUrl(request.redirectUrl, message));
    return 'redirected';
  }
  return 'none';
}

/**
 * Before the popup leaves the wallet's origin mid-checkout (a bank's consent page, whose COOP may
 * cut the popup off from the merchant page): tells the merchant page it comes back, so its widget
 * keeps waiting for the cloud instead of taking the cut-off window for a closed one. To the
 * request's exact returnOrigin only, like the result. False when there is no opener to tell.
 */
export function announceDetour(
  requestId: string,
  nonce: string,
  request: Pick<TokenRequest, 'returnOrigin'>,
  opener: ReturnEnvironment['opener'] = window.opener as Window | null,
): boolean {
  if (!opener || opener.closed) return false;
  const detour = walletDetourSchema.parse({ type: 'tokenos:detour', version: 1, requestId, nonce });
  opener.postMessage(detour, request.returnOrigin);
  return true;
}
