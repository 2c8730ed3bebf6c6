import { nodeBackend } from '@tokenos/crypto-node';
import { scaChallenge, setSignatureBackend } from '@tokenos/protocol';
import {
  createToken,
  endorsementFor,
  endorseToken,
  passkeyAssertionFromJSON,
  redeemToken,
  transferTokenPayload,
} from '@tokenos/sdk';
import { startBenchStack } from './stack.ts';
import { linkAccount, newMember, newPayers } from './world.ts';

setSignatureBackend(nodeBackend);
const engine = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
const { PgServer, benchServerUrl } = await import('./postgres.ts');
const pg = engine === 'postgres' ? await PgServer.connect(benchServerUrl()) : undefined;
if (pg && !(pg instanceof PgServer)) throw new Error(pg.unavailable);
const stack = await startBenchStack({ engine, cloudInstances: 1, gold: false, ...(pg ? { pg } : {}) });
try {
  const [p] = await newPayers(stack.cloudUrl, stack.ironUrl, 1);
  const payer = p!;
  const merchant = await newMember(stack.cloudUrl);
  const account = await linkAccount(stack.ironUrl, merchant, {
    username: 'shop',
    account: 'Merchant account',
  });
  const amount = { value: '0.01', currency: 'EUR' as const };
  for (let i = 0; i < 8; i++) {
    const t0 = performance.now();
    const payload = transferTokenPayload(payer.member, {
      payee: merchant.id,
      amount,
      description: 'x',
      refId: `r${i}`,
      source: payer.source,
    });
    const created = await createToken(payer.member, payload);
    const t1 = performance.now();
    const json = await payer.auth.get({
      credentialId: payer.credentialId,
      challenge: scaChallenge(created.id),
    });
    const e = await endorsementFor(payer.member, created.id, 'STANDARD', {
      method: 'passkey',
      assertion: passkeyAssertionFromJSON(json),
    });
    const t2 = performance.now();
    await endorseToken(payer.member, created.id, e);
    const t3 = performance.now();
    await redeemToken(merchant, created.id, { amount, refId: `x${i}`, destination: account });
    const t4 = performance.now();
    console.log(
      `create ${(t1 - t0).toFixed(1)} sign ${(t2 - t1).toFixed(1)} endorse ${(t3 - t2).toFixed(1)} redeem ${(t4 - t3).toFixed(1)}`,
    );
  }
} finally {
  await stack.stop();
  if (pg instanceof PgServer) await pg.close();
}
