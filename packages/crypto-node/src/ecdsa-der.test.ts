import { fromHex } from '@tokenos/protocol';
import { describe, expect, it } from 'vitest';
import { derSignatureS } from './ecdsa-der.ts';

describe('derSignatureS (RFC 3279 §2.2.3 ECDSA-Sig-Value)', () => {
  // Wycheproof ecdsa_secp256r1_sha256_test.json tcId 1.
  const s = '0177e60492c5a8242f76f07bfe3661bde59ec2a17ce5bd2dab2abebdf89a62e2';
  const der = `3045022100b292a619339f6e567a305c951c0dcbcc42d16e47f219f9e98e76e09d8770b34a0220${s}`;

  it('returns the s integer of a well-formed signature', () => {
    expect(derSignatureS(fromHex(der))).toEqual(fromHex(s));
  });

  it('refuses trailing bytes, a wrong SEQUENCE length, long-form lengths, wrong tags and truncation', () => {
    const bad = {
      trailing: `${der}00`,
      'sequence length': `3046${der.slice(4)}`,
      'long-form sequence length': `308145${der.slice(4)}`,
      'r tag': `3045032100${der.slice(10)}`,
      'empty s': '3026022100b292a619339f6e567a305c951c0dcbcc42d16e47f219f9e98e76e09d8770b34a0200',
      truncated: der.slice(0, -2),
      empty: '',
    };
    for (const [name, text] of Object.entries(bad)) {
      expect(derSignatureS(fromHex(text)), name).toBeUndefined();
    }
  });
});
