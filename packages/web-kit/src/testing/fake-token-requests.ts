import { ProtocolError, type TokenRequestResult } from '@tokenos/protocol';

/**
 * The token-request half of a cloud stand-in, with the semantics a site relies on: a result
 * verifies only with its "signature", for the request it names, under the CSRF token of the
 * session that made the request. (The SDK's real checks are tested against the cloud in
 * apps/cloud and across apps in e2e.) A site's fake gateway extends it with its own calls.
 */
export class FakeTokenRequests<Details> {
  readonly requests: (Details & { requestId: string; csrfToken: string })[] = [];
  readonly #tokenLetter: string;

  /** `tokenLetter` makes the token ids of approved results: 42 of it, then the request's number. */
  constructor(tokenLetter: string) {
    this.#tokenLetter = tokenLetter;
  }

  /** Records a request; its number `n` (1-based) is what `resultFor` takes. */
  protected createRequest(details: Details): { requestId: string; csrfToken: string } {
    const n = this.requests.length + 1;
    const created = { requestId: `${'R'.repeat(42)}${n}`, csrfToken: `csrf-${n}` };
    this.requests.push({ ...details, ...created });
    return created;
  }

  /** What the wallet would bring back for request `n` (1-based). */
  resultFor(n: number, outcome: 'approved' | 'declined' = 'approved'): TokenRequestResult {
    const r = this.requests[n - 1]!;
    return {
      type: 'TokenRequestResult',
      version: 1,
      requestId: r.requestId,
      outcome,
      tokenId: outcome === 'approved' ? `${this.#tokenLetter.repeat(42)}${n}` : null,
      state: `state-of-${r.csrfToken}`,
      createdAt: 1,
      keyId: 'K'.repeat(22),
      signature: 'cloud-signature',
    };
  }

  async verifyResult(
    result: unknown,
    expected: { requestId: string; csrfToken: string },
  ): Promise<TokenRequestResult> {
    const r = result as TokenRequestResult;
    if (typeof r !== 'object' || r === null || typeof r.requestId !== 'string')
      throw new ProtocolError('Malformed', 'not a result');
    if (r.requestId !== expected.requestId) throw new ProtocolError('Forbidden', 'another request');
    if (r.state !== `state-of-${expected.csrfToken}`) throw new ProtocolError('Forbidden', 'CSRF state');
    if (r.signature !== 'cloud-signature') throw new ProtocolError('InvalidSignature', 'bad signature');
    return r;
  }
}
