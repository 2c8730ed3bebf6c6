import { describe, expect, it } from 'vitest';
import { deviceParts, pairingQrText, parsePairingQr, spacedCode, typedCode } from './pairing-qr.ts';

describe('pairing QR code', () => {
  it('reads back what it wrote, and nothing else', () => {
    const p = { code: 'ABCD3467', fingerprint: 'abcdefghijklmn_-' };
    expect(parsePairingQr(pairingQrText(p))).toEqual(p);
    expect(parsePairingQr('https://example.com/')).toBeUndefined();
    expect(parsePairingQr('TOKENWALLET-PAIR:ABCD0467:abcdefghijklmn_-')).toBeUndefined();
    expect(parsePairingQr('TOKENWALLET-PAIR:ABCD3467:short')).toBeUndefined();
  });

  it('shows a code in two groups and reads a typed one back', () => {
    expect(spacedCode('ABCD3467')).toBe('ABCD 3467');
    expect(typedCode(' abcd-3467 ')).toBe('ABCD3467');
  });

  it('names a device from its user agent', () => {
    expect(
      deviceParts(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      ),
    ).toEqual({ browser: 'Chrome', system: 'Linux' });
    expect(
      deviceParts('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Safari/605.1'),
    ).toEqual({
      browser: 'Safari',
      system: 'iOS',
    });
  });
});
