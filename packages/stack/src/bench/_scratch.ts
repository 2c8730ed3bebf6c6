import { nodeBackend } from '@tokenos/crypto-node';
import { setSignatureBackend } from '@tokenos/protocol';
import { closedLoop, percentile } from './load.ts';
import { peakMemoryMb, startBenchStack } from './stack.ts';
import { linkAccount, newMember, newPayers, pay } from './world.ts';

setSignatureBackend(nodeBackend);
let t = performance.now();
const lap = (m: string) => {
  const n = performance.now();
  console.log(m, ((n - t) / 1000).toFixed(1), 's');
  t = n;
};
const stack = await startBenchStack({ engine: 'pglite', cloudInstances: 1, gold: false });
lap('stack');
try {
  const payers = await newPayers(stack.cloudUrl, stack.ironUrl, Number(process.argv[2] ?? 8));
  lap('payers');
  const merchant = await newMember(stack.cloudUrl);
  const account = await linkAccount(stack.ironUrl, merchant, {
    username: 'shop',
    account: 'Merchant account',
  });
  lap('merchant');
  const amount = { value: '0.01', currency: 'EUR' as const };
  const r = await closedLoop((i) => pay(payers[i]!, { member: merchant, account }, amount), {
    clients: payers.length,
    warmupMs: 1000,
    durationMs: 5000,
  });
  lap('load');
  console.log(
    r.completed / r.seconds,
    r.errors,
    r.firstError,
    percentile(r.latenciesMs, 0.5),
    percentile(r.latenciesMs, 0.99),
  );
  console.log(await peakMemoryMb(stack.cloudPids[0]!));
} catch (e) {
  console.error(e);
  console.error(stack.recentOutput());
} finally {
  await stack.stop();
  lap('stop');
}
