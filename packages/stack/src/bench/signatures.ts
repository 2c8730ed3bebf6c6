import { createNodeBackend, nodeBackend } from '@tokenos/crypto-node';
import type { SignatureAlgorithm, SignatureBackend } from '@tokenos/protocol';
import { keyPairFromSecret, nobleBackend, sha256, signatureAlgorithms, utf8 } from '@tokenos/protocol';
import { opsPerSecond } from './measure.ts';
import type { BenchContext, BenchRow, BenchSection } from './types.ts';

// What gets signed in the protocol is a 32-byte token id (ARCHITECTURE.md, "Endorsement"), so that is
// the message here. Node figures keep 64 operations in flight to fill the thread pool; noble runs
// on the event loop, where concurrency changes nothing.
const inFlight = 64;

async function figures(
  algorithm: SignatureAlgorithm,
  backend: SignatureBackend,
  context: BenchContext,
  concurrency: number,
): Promise<{ sign: number; verify: number }> {
  const { secretKey, publicKey } = keyPairFromSecret(algorithm, sha256(utf8(`bench ${algorithm}`)));
  const message = sha256(utf8('token id'));
  const signature = await backend.sign(algorithm, secretKey, message);
  if (!(await backend.verify(algorithm, publicKey, message, signature))) {
    throw new Error(`${backend.name} does not verify its own ${algorithm} signature`);
  }
  const options = { durationMs: context.durationMs, concurrency };
  return {
    sign: await opsPerSecond(() => backend.sign(algorithm, secretKey, message), options),
    verify: await opsPerSecond(() => backend.verify(algorithm, publicKey, message, signature), options),
  };
}

export const signatureSection: BenchSection = {
  name: 'signatures (32-byte message)',
  async run(context) {
    const rows: BenchRow[] = [];
    for (const algorithm of signatureAlgorithms) {
      const noble = await figures(algorithm, nobleBackend, context, 1);
      const node = await figures(algorithm, nodeBackend, context, inFlight);
      const uncached = await figures(algorithm, createNodeBackend({ keyCacheSize: 0 }), context, inFlight);
      const viaNoble = algorithm === 'P-256' ? ' (noble, RFC 6979)' : '';
      rows.push(
        { figure: `${algorithm} sign, noble`, value: noble.sign },
        {
          figure: `${algorithm} sign, node${viaNoble}`,
          value: node.sign,
          baseline: `${algorithm} sign, noble`,
        },
        { figure: `${algorithm} verify, noble`, value: noble.verify },
        {
          figure: `${algorithm} verify, node x${inFlight}`,
          value: node.verify,
          baseline: `${algorithm} verify, noble`,
        },
        {
          figure: `${algorithm} verify, node x${inFlight}, no key cache`,
          value: uncached.verify,
          baseline: `${algorithm} verify, node x${inFlight}`,
        },
      );
    }
    return rows;
  },
};
