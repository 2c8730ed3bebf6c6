import { describe, expect, it } from 'vitest';
import { confirmationCode, phoneHandoff, phoneLink, qrImageUrl } from './handoff.ts';

const requestId = 'Rq3xQ9fYb1m0kZp8sV7tW2uA4cD6eF8gH0iJ2kL4mN6';
const nonce = 'n0nce-n0nce-n0nce-n0nce-01';

describe('handing a desktop checkout to the phone', () => {
  it('the confirmation code: four digits of SHA-256(request.nonce), the same the wallet shows (apps/wallet handoff-code.test.ts holds the same vector)', async () => {
    expect(await confirmationCode(requestId, nonce)).toBe('0169');
    // Another checkout (another nonce) shows another code.
    expect(await confirmationCode(requestId, 'n0nce-n0nce-n0nce-n0nce-02')).not.toBe('0169');
  });

  it("the link is the wallet's approval page for this request and nonce; the QR image is the cloud's drawing of it", () => {
    expect(phoneLink('https://wallet.example', requestId, nonce)).toBe(
      `https://wallet.example/approve?request=${requestId}&nonce=${nonce}&handoff=1`,
    );
    expect(qrImageUrl('https://cloud.example', 'https://wallet.example', requestId, nonce)).toBe(
      `https://cloud.example/api/v1/token-requests/${requestId}/qr?nonce=${nonce}&wallet=https%3A%2F%2Fwallet.example`,
    );
  });

  it('phoneHandoff puts the three together', async () => {
    const o = { walletOrigin: 'https://w.example', cloudUrl: 'https://c.example', requestId, nonce };
    expect(await phoneHandoff(o)).toEqual({
      link: phoneLink(o.walletOrigin, requestId, nonce),
      qrImage: qrImageUrl(o.cloudUrl, o.walletOrigin, requestId, nonce),
      code: '0169',
    });
  });
});
