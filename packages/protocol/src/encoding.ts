import { bytesToHex, hexToBytes as nobleHexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { ProtocolError } from './errors.ts';

// RFC 4648 §5 base64url without padding. Implemented over the standard alphabet table so that it
// runs unchanged in browsers and Node without Buffer or atob.
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const lookup = new Int16Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i;

export function base64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]!;
  }
  return out;
}

/** Strict: rejects padding, other alphabets, impossible lengths and non-zero trailing bits. */
export function fromBase64url(text: string, field = 'value'): Uint8Array {
  if (text.length % 4 === 1)
    throw new ProtocolError('Malformed', `${field}: base64url length ${text.length} is impossible`, {
      field,
    });
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? lookup[c]! : -1;
    if (v < 0)
      throw new ProtocolError(
        'Malformed',
        `${field}: character ${JSON.stringify(text[i])} is not base64url`,
        { field },
      );
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) {
    throw new ProtocolError('Malformed', `${field}: base64url has non-zero trailing bits`, { field });
  }
  return out;
}

export function hex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

export function fromHex(text: string, field = 'value'): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text))
    throw new ProtocolError('Malformed', `${field}: not an even-length hex string`, { field });
  return nobleHexToBytes(text.toLowerCase());
}

export function utf8(text: string): Uint8Array {
  return utf8ToBytes(text);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Constant-time comparison for MACs and other secrets. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** RFC 4648 §4 base64 with padding (HTTP structured-field byte sequences, RFC 8941 §3.3.5). */
export function base64(bytes: Uint8Array): string {
  const url = base64url(bytes);
  let out = '';
  for (const ch of url) out += ch === '-' ? '+' : ch === '_' ? '/' : ch;
  return out + '='.repeat((4 - (out.length % 4)) % 4);
}

export function fromBase64(text: string, field = 'value'): Uint8Array {
  const m = /^([A-Za-z0-9+/]*)(={0,2})$/.exec(text);
  if (!m || text.length % 4 !== 0)
    throw new ProtocolError('Malformed', `${field}: not padded base64`, { field });
  const body = m[1]!;
  let url = '';
  for (const ch of body) url += ch === '+' ? '-' : ch === '/' ? '_' : ch;
  return fromBase64url(url, field);
}
