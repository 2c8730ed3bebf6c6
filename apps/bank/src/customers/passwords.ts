import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { base64url, fromBase64url } from '@tokenos/protocol';

/** scrypt cost (RFC 7914 §2): OWASP Password Storage Cheat Sheet minimum, N = 2^17, r = 8, p = 1. */
export const defaultScryptCost = { N: 2 ** 17, r: 8, p: 1 };
export type ScryptCost = typeof defaultScryptCost;

function derive(password: string, salt: Uint8Array, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // 128 * N * r bytes of memory, plus headroom.
    scrypt(
      password.normalize('NFKC'),
      salt,
      32,
      { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash, so a cost can be raised later. */
export async function hashPassword(password: string, cost: ScryptCost = defaultScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${base64url(salt)}$${base64url(key)}`;
}

/** Constant-time comparison; false for a malformed stored hash rather than an exception. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || N > 2 ** 20) return false;
  let salt: Uint8Array;
  let expected: Uint8Array;
  try {
    salt = fromBase64url(parts[4]!);
    expected = fromBase64url(parts[5]!);
  } catch {
    return false;
  }
  const key = await derive(password, salt, { N, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
