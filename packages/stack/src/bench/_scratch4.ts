import { nodeBackend } from '@tokenos/crypto-node';
import { setSignatureBackend } from '@tokenos/protocol';
import { benchServerUrl, PgServer } from './postgres.ts';
import { startBenchStack } from './stack.ts';
import { linkAccount, newMember, newPayers, pay } from './world.ts';

setSignatureBackend(nodeBackend);
const pg = await PgServer.connect(benchServerUrl());
if (!(pg instanceof PgServer)) throw new Error('no pg');
const stack = await startBenchStack({ engine: 'postgres', pg, cloudInstances: 1, gold: false });
try {
  const [payer] = await newPayers(stack.cloudUrl, stack.ironUrl, 1);
  const merchant = await newMember(stack.cloudUrl);
  const account = await linkAccount(stack.ironUrl, merchant, {
    username: 'shop',
    account: 'Merchant account',
  });
  const amount = { value: '0.01', currency: 'EUR' as const };
  await pay(payer!, { member: merchant, account }, amount);
  await new Promise((r) => setTimeout(r, 12000));
  const c0 = await pg.commits(stack.databases.cloud!),
    b0 = await pg.commits(stack.databases.iron!);
  const n = 20;
  for (let i = 0; i < n; i++) await pay(payer!, { member: merchant, account }, amount);
  await new Promise((r) => setTimeout(r, 12000));
  const c1 = await pg.commits(stack.databases.cloud!),
    b1 = await pg.commits(stack.databases.iron!);
  console.log('cloud', (c1 - c0) / n, 'bank', (b1 - b0) / n);
} finally {
  await stack.stop();
  await pg.close();
}
