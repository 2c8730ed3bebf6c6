import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../src/encoding.ts';
import type { SignatureAlgorithm, SignatureBackend, VerifyOptions } from '../src/signature.ts';

/**
 * Replays the Project Wycheproof signature vectors (vectors/wycheproof, see vectors/README.md)
 * against any `SignatureBackend`: every `valid` test must verify and every `invalid` one must not.
 * `acceptable` tests (allowed either way by Wycheproof) follow the backend's declared policy, so
 * what a backend does with them is written down and checked rather than left to chance.
 */
export type AcceptablePolicy = 'accept' | 'reject';

export const wycheproofFiles = [
  'ed25519_test.json',
  'ecdsa_secp256r1_sha256_p1363_test.json',
  'ecdsa_secp256r1_sha256_test.json',
] as const;
export type WycheproofFile = (typeof wycheproofFiles)[number];

interface RawTest {
  tcId: number;
  comment: string;
  flags: string[];
  msg: string;
  sig: string;
  result: 'valid' | 'invalid' | 'acceptable';
}
interface RawGroup {
  publicKey: { pk?: string; uncompressed?: string };
  tests: RawTest[];
}
interface RawFile {
  numberOfTests: number;
  testGroups: RawGroup[];
}

export interface WycheproofVector {
  tcId: number;
  label: string;
  result: RawTest['result'];
  /** The same key in every encoding the backend takes (P-256: uncompressed and compressed). */
  publicKeys: Uint8Array[];
  message: Uint8Array;
  signature: Uint8Array;
}

export interface WycheproofSummary {
  file: WycheproofFile;
  valid: number;
  invalid: number;
  acceptable: number;
  /** Declared `numberOfTests` in the file header; the runner checks it saw exactly this many. */
  declared: number;
}

const vectorsDir = new URL('../vectors/wycheproof/', import.meta.url);

const settings: Record<WycheproofFile, { algorithm: SignatureAlgorithm; options: VerifyOptions }> = {
  'ed25519_test.json': { algorithm: 'Ed25519', options: {} },
  'ecdsa_secp256r1_sha256_p1363_test.json': { algorithm: 'P-256', options: { format: 'p1363' } },
  'ecdsa_secp256r1_sha256_test.json': { algorithm: 'P-256', options: { format: 'der' } },
};

export function loadWycheproof(file: WycheproofFile): {
  vectors: WycheproofVector[];
  summary: WycheproofSummary;
} {
  const raw = JSON.parse(readFileSync(new URL(file, vectorsDir), 'utf8')) as RawFile;
  const vectors: WycheproofVector[] = [];
  const summary: WycheproofSummary = {
    file,
    valid: 0,
    invalid: 0,
    acceptable: 0,
    declared: raw.numberOfTests,
  };
  for (const group of raw.testGroups) {
    const publicKeys = groupKeys(group);
    for (const t of group.tests) {
      summary[t.result]++;
      vectors.push({
        tcId: t.tcId,
        label: `tcId ${t.tcId} [${t.flags.join(',')}] ${t.comment}`,
        result: t.result,
        publicKeys,
        message: fromHex(t.msg),
        signature: fromHex(t.sig),
      });
    }
  }
  return { vectors, summary };
}

function groupKeys(group: RawGroup): Uint8Array[] {
  if (group.publicKey.pk !== undefined) return [fromHex(group.publicKey.pk)];
  const uncompressed = fromHex(group.publicKey.uncompressed ?? '');
  // SEC 1 §2.3.3 compression by hand, independent of the code under test: 02|03 by y's parity, then x.
  const compressed = new Uint8Array(33);
  compressed[0] = 0x02 | (uncompressed[64]! & 1);
  compressed.set(uncompressed.subarray(1, 33), 1);
  return [uncompressed, compressed];
}

/** Runs one file; returns a line per disagreement (empty when the backend passes). */
export async function runWycheproofFile(
  backend: SignatureBackend,
  file: WycheproofFile,
  acceptable: AcceptablePolicy,
): Promise<string[]> {
  const { algorithm, options } = settings[file];
  const mismatches: string[] = [];
  for (const v of loadWycheproof(file).vectors) {
    const expected = v.result === 'valid' || (v.result === 'acceptable' && acceptable === 'accept');
    for (const key of v.publicKeys) {
      const actual = await backend.verify(algorithm, key, v.message, v.signature, options);
      if (actual !== expected)
        mismatches.push(`${v.label}: key ${key.length} bytes, expected ${expected}, got ${actual}`);
    }
  }
  return mismatches;
}

// n/2 for P-256, written out here rather than imported so the check does not trust the code it tests.
const p256HalfOrder = 0x7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8n;

/**
 * `lowS: true` over the P1363 file: a vector must verify exactly when it is valid and its s is at
 * most n/2 (s is the second half of an IEEE P1363 r||s signature).
 */
export async function runWycheproofLowS(
  backend: SignatureBackend,
): Promise<{ highS: number; mismatches: string[] }> {
  const mismatches: string[] = [];
  let highS = 0;
  for (const v of loadWycheproof('ecdsa_secp256r1_sha256_p1363_test.json').vectors) {
    const s = v.signature.length === 64 ? BigInt(`0x${hex(v.signature.subarray(32))}`) : undefined;
    const low = s !== undefined && s <= p256HalfOrder;
    if (v.result === 'valid' && !low) highS++;
    const expected = v.result === 'valid' && low;
    const actual = await backend.verify('P-256', v.publicKeys[0]!, v.message, v.signature, { lowS: true });
    if (actual !== expected) mismatches.push(`${v.label}: lowS, expected ${expected}, got ${actual}`);
  }
  return { highS, mismatches };
}

/** Registers one Vitest test per file (named with its counts) plus the low-S pass. */
export function describeWycheproof(
  backend: SignatureBackend,
  policy: { acceptable: AcceptablePolicy },
): void {
  describe(`Wycheproof vectors, ${backend.name} backend (acceptable: ${policy.acceptable})`, () => {
    for (const file of wycheproofFiles) {
      const { summary, vectors } = loadWycheproof(file);
      const counts = `${vectors.length} vectors: ${summary.valid} valid, ${summary.invalid} invalid, ${summary.acceptable} acceptable`;
      it(`${file} (${counts})`, async () => {
        expect(vectors.length).toBe(summary.declared);
        expect(await runWycheproofFile(backend, file, policy.acceptable)).toEqual([]);
      });
    }
    it('ecdsa_secp256r1_sha256_p1363_test.json with lowS: true rejects exactly the high-S valid ones', async () => {
      const { highS, mismatches } = await runWycheproofLowS(backend);
      // The file has high-S valid signatures (e.g. tcId 1, "signature malleability"); without
      // them this pass would not test lowS at all.
      expect(highS).toBeGreaterThan(0);
      expect(mismatches).toEqual([]);
    });
  });
}
