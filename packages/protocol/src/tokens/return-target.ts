import { ProtocolError } from '../errors.ts';
import type { TokenRequest } from './token-request.ts';

/**
 * Host names that never resolve on the public internet, where plain http is allowed in
 * development: `localhost` (RFC 6761 §6.3) and the `.test` and `.localhost` names (RFC 6761
 * §6.2, §6.3), which local stacks and test suites use.
 */
function isLocalName(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname.endsWith('.test') ||
    hostname === '127.0.0.1' ||
    hostname === '[::1]'
  );
}

export interface ReturnTargetOptions {
  /** Plain http is allowed for local names (development); otherwise https only. */
  allowLocalHttp: boolean;
}

/**
 * Where a token request may send the user back after the click: only to the domain it names as
 * its requester (the one the wallet shows, and the cloud checks against the signer's verified
 * DOMAIN aliases). Same host and port exactly: a subdomain is not accepted, since a verified
 * `shop.example` says nothing about who runs `pay.shop.example`. https only, except http for a
 * local name when `allowLocalHttp`. Returns the field at fault and why, or undefined.
 */
export function returnTargetIssue(
  request: Pick<TokenRequest, 'requester' | 'returnOrigin' | 'redirectUrl'>,
  o: ReturnTargetOptions,
): { field: 'returnOrigin' | 'redirectUrl'; message: string } | undefined {
  const domain = request.requester.domain.toLowerCase();
  const targets: ['returnOrigin' | 'redirectUrl', string][] = [['returnOrigin', request.returnOrigin]];
  if (request.redirectUrl !== undefined) targets.push(['redirectUrl', request.redirectUrl]);
  for (const [field, value] of targets) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { field, message: `${field}: expected a URL, got ${JSON.stringify(value)}` };
    }
    // URL.host is lower case and omits the scheme's default port, as a DOMAIN alias does.
    if (url.host !== domain)
      return { field, message: `${field}: expected a URL on ${domain}, got one on ${url.host}` };
    const httpOk = o.allowLocalHttp && url.protocol === 'http:' && isLocalName(url.hostname);
    if (url.protocol !== 'https:' && !httpOk)
      return {
        field,
        message: `${field}: expected https${o.allowLocalHttp ? ' (http only for a local name)' : ''}, got ${url.protocol.slice(0, -1)}`,
      };
  }
  return undefined;
}

/** Throws ProtocolError('Forbidden') naming the field unless returnTargetIssue finds nothing. */
export function assertReturnOnRequesterDomain(
  request: Pick<TokenRequest, 'requester' | 'returnOrigin' | 'redirectUrl'>,
  o: ReturnTargetOptions,
): void {
  const issue = returnTargetIssue(request, o);
  if (issue) throw new ProtocolError('Forbidden', issue.message, { field: issue.field });
}
