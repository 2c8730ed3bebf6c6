import { availableParallelism } from 'node:os';
import { nodeBackend } from '@tokenos/crypto-node';
import { type AccountRef, type Money, setSignatureBackend } from '@tokenos/protocol';
import { type Member, readBalance } from '@tokenos/sdk';
import { CpuMeter } from './cpu.ts';
import { engineFigures } from './engines.ts';
import { closedLoop, type LoadResult, percentile } from './load.ts';
import { type EngineRates, paymentBound, paymentCost } from './payment-cost.ts';
import { benchServerUrl, displayUrl, PgServer } from './postgres.ts';
import { type BenchStack, benchRateLimit, peakMemoryMb, startBenchStack } from './stack.ts';
import type { BenchContext, BenchRow, BenchSection } from './types.ts';
import { grantBalances, linkAccount, newMember, newPayers, type Payer, pay } from './world.ts';

/** Issue 3's targets for PostgreSQL on this machine. */
const target = { perSecond: 400, p99Ms: 150, ofBound: 0.5 };
/** A cent, so alice's 5,000.00 EUR Savings lasts 500,000 payments. */
const amount: Money = { value: '0.01', currency: 'EUR' };
const accessSection = 'access reads over HTTP (issue 8)';

interface Config {
  key: 'a' | 'b' | 'c';
  label: string;
  engine: 'pglite' | 'postgres';
  instances: 1 | 2;
  /** Also measure payments from Iron Bank to a merchant at Gold Bank (full runs only). */
  crossBank: boolean;
  /** Also measure access reads in this stack. */
  access: boolean;
}

const configs: Config[] = [
  { key: 'a', label: 'PGlite, 1 cloud', engine: 'pglite', instances: 1, crossBank: false, access: true },
  { key: 'b', label: 'PostgreSQL, 1 cloud', engine: 'postgres', instances: 1, crossBank: true, access: true },
  {
    key: 'c',
    label: 'PostgreSQL, 2 clouds behind a round-robin proxy',
    engine: 'postgres',
    instances: 2,
    crossBank: false,
    access: false,
  },
];

interface Plan {
  clients: number;
  warmupMs: number;
  durationMs: number;
  /** Window for the secondary figures (access reads, payments between banks). */
  shortMs: number;
}

function met(ok: boolean): string {
  return ok ? 'met' : 'NOT met';
}

function latencyRows(label: string, r: LoadResult, section?: string): BenchRow[] {
  const p99 = percentile(r.latenciesMs, 0.99);
  return [
    {
      figure: `${label}: latency p50`,
      value: percentile(r.latenciesMs, 0.5),
      unit: 'ms',
      ...(section ? { section } : {}),
    },
    { figure: `${label}: latency p99`, value: p99, unit: 'ms', ...(section ? { section } : {}) },
  ];
}

function errorNote(r: LoadResult): string {
  return r.errors === 0 ? '0 errors' : `${r.errors} ERRORS, first: ${r.firstError?.slice(0, 160)}`;
}

/** Runs one configuration: its own stack, payers and merchant, the measurement, the bound. */
async function runConfig(
  context: BenchContext,
  config: Config,
  plan: Plan,
  pg: PgServer | undefined,
): Promise<BenchRow[]> {
  const label = `payments/s, ${config.label}`;
  const boundLabel = `bound from signatures + DB work, ${config.label}`;
  const rates = (engine: 'pglite' | 'postgres'): EngineRates =>
    engine === 'pglite'
      ? {
          writes: context.figure(engineFigures.pgliteWrites),
          reads: context.figure(engineFigures.pgliteReads),
        }
      : { writes: context.figure(engineFigures.pgWrites), reads: context.figure(engineFigures.pgReads) };
  const bound = paymentBound(context, rates(config.engine), rates(config.engine));

  const stack = await startBenchStack({
    engine: config.engine,
    ...(pg ? { pg } : {}),
    cloudInstances: config.instances,
    gold: config.crossBank,
  });
  try {
    const payers = await newPayers(stack.cloudUrl, stack.ironUrl, plan.clients);
    const merchant = await newMember(stack.cloudUrl);
    const account = await linkAccount(stack.ironUrl, merchant, {
      username: 'shop',
      account: 'Merchant account',
    });
    const commits = async () =>
      pg
        ? {
            cloud: await pg.commits(stack.databases.cloud ?? ''),
            bank: await pg.commits(stack.databases.iron ?? ''),
          }
        : undefined;
    // Where the machine's time goes: CPU of every process taking part, over the measuring window.
    const groups = async (): Promise<Record<string, number[]>> => ({
      cloud: stack.cloudPids,
      proxy: stack.pids.proxy ? [stack.pids.proxy] : [],
      bank: [stack.pids.iron, stack.pids.gold].filter((p): p is number => p !== undefined),
      clients: [process.pid],
      PostgreSQL: pg ? await pg.backendPids(Object.values(stack.databases)) : [],
    });
    const cpu = new CpuMeter();

    const loading = closedLoop((i) => pay(payers[i]!, { member: merchant, account }, amount), {
      clients: plan.clients,
      warmupMs: plan.warmupMs,
      durationMs: plan.durationMs,
    });
    await sleep(plan.warmupMs);
    const before = context.quick ? undefined : await commits();
    const startGroups = await groups();
    await cpu.start(Object.values(startGroups).flat());
    await sleep(plan.durationMs);
    const endGroups = await groups();
    const used: [string, number][] = [];
    for (const [name, pids] of Object.entries(endGroups))
      if (pids.length > 0) used.push([name, await cpu.since([...(startGroups[name] ?? []), ...pids])]);
    const result = await loading;
    // An idle PostgreSQL backend reports its statistics within 10 s (PGSTAT_IDLE_INTERVAL); a
    // quick run's window holds too few payments for the count to mean much, so it skips it.
    const after = context.quick ? undefined : await sleep(11_000).then(commits);
    const perSecond = result.completed / result.seconds;
    const memory = await Promise.all(stack.cloudPids.map(peakMemoryMb));
    const p99 = percentile(result.latenciesMs, 0.99);

    const notes = [
      `${plan.clients} clients; STANDARD key + passkey on every payment (RTS Art. 16 exemptions run out after 5)`,
      `rate limits per address and per member ${benchRateLimit} (burst/per s)`,
      errorNote(result),
    ];
    if (config.engine === 'postgres')
      notes.push(
        `target >= ${target.perSecond}/s: ${met(perSecond >= target.perSecond)}, >= ${target.ofBound}x bound: ${met(perSecond >= target.ofBound * bound.perSecond)}`,
      );
    const rows: BenchRow[] = [
      { figure: label, value: perSecond, baseline: boundLabel, note: notes.join('; ') },
      ...latencyRows(label, result),
    ];
    const p99Row = rows.at(-1)!;
    if (config.engine === 'postgres') p99Row.note = `target < ${target.p99Ms} ms: ${met(p99 < target.p99Ms)}`;
    rows.push({
      figure: `cloud peak memory (VmHWM), ${config.label}`,
      value: Math.max(...memory),
      unit: 'MB',
      note:
        memory.length > 1
          ? `instances: ${memory.map((m) => `${m.toFixed(0)} MB`).join(', ')}`
          : `pid ${stack.cloudPids[0]}, the node process itself`,
    });
    const cpuMs = used.map(
      ([name, seconds]) => [name, (seconds * 1000) / Math.max(result.completed, 1)] as const,
    );
    const cpuTotal = cpuMs.reduce((sum, [, ms]) => sum + ms, 0);
    rows.push({
      figure: `CPU per payment, ${config.label}`,
      value: result.completed > 0 ? cpuTotal : Number.NaN,
      unit: 'ms',
      note: `${cpuMs.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(' + ')} ms; ${availableParallelism()} cores give ${availableParallelism() * 1000} ms/s: at most ${Math.round((availableParallelism() * 1000) / cpuTotal)} payments/s at this cost`,
    });
    const measured =
      before && after
        ? `; measured commits per payment: cloud ${perPayment(after.cloud - before.cloud, result)}, bank ${perPayment(after.bank - before.bank, result)} (counted ${paymentCost.cloud.commits}, ${paymentCost.bank.commits})`
        : '';
    rows.push({ figure: boundLabel, value: bound.perSecond, note: `${bound.note}${measured}` });

    if (config.crossBank && plan.shortMs > 0 && stack.goldUrl)
      rows.push(...(await crossBank(stack, payers, merchant, config, plan, label)));
    if (config.access && plan.shortMs > 0) rows.push(...(await accessReads(stack, payers[0]!, config, plan)));
    return rows;
  } finally {
    await stack.stop();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Commits per payment in the window. The payments in flight when it opens and when it closes
 * commit partly outside it and about cancel out; approximate, as the statistics lag a little.
 */
function perPayment(commits: number, r: LoadResult): string {
  return Number.isFinite(commits) && r.completed > 0 ? `~${(commits / r.completed).toFixed(1)}` : '?';
}

/** A grantee member reading a balance through the cloud (which asks the bank) under a live grant. */
async function accessReads(
  stack: BenchStack,
  grantor: Payer,
  config: Config,
  plan: Plan,
): Promise<BenchRow[]> {
  const grantee: Member = await newMember(stack.cloudUrl);
  const tokenId = await grantBalances(grantor, grantee);
  const result = await closedLoop(
    async () => {
      await readBalance(grantee, tokenId, grantor.source.accountRef);
    },
    { clients: plan.clients, warmupMs: Math.min(plan.warmupMs, 1_000), durationMs: plan.shortMs },
  );
  const label = `balance reads/s, ${config.label}`;
  return [
    {
      figure: label,
      value: result.completed / result.seconds,
      note: `${plan.clients} concurrent, one grantee, one live grant; ${errorNote(result)}`,
      section: accessSection,
    },
    ...latencyRows(label, result, accessSection),
  ];
}

/** The same payments to the merchant's account at Gold Bank: Iron Bank settles with Gold over HTTP. */
async function crossBank(
  stack: BenchStack,
  payers: Payer[],
  merchant: Member,
  config: Config,
  plan: Plan,
  sameBank: string,
): Promise<BenchRow[]> {
  const account: AccountRef = await linkAccount(stack.goldUrl!, merchant, {
    username: 'shop',
    account: 'Merchant account',
  });
  const result = await closedLoop((i) => pay(payers[i]!, { member: merchant, account }, amount), {
    clients: plan.clients,
    warmupMs: Math.min(plan.warmupMs, 1_000),
    durationMs: plan.shortMs,
  });
  const label = `payments/s Iron Bank -> Gold Bank, ${config.label}`;
  return [
    {
      figure: label,
      value: result.completed / result.seconds,
      baseline: sameBank,
      note: `${plan.durationMs === plan.shortMs ? '' : `${plan.shortMs / 1000} s window; `}${errorNote(result)}`,
    },
    ...latencyRows(label, result).slice(1),
  ];
}

/**
 * Whole payments per second over HTTP with every service a process of its own (bench/stack.ts),
 * 32 payers at once, beside the bound that the payment's signatures and database work allow on
 * this machine in this run (bench/payment-cost.ts). Configurations: (a) PGlite, one cloud;
 * (b) PostgreSQL, one cloud; (c) PostgreSQL, two clouds behind a round-robin proxy. The banks use
 * the cloud's engine: PGlite in (a), their own PostgreSQL database in (b) and (c).
 * `--quick`: 8 payers, 3 s windows, (a) and (b) only. BENCH_PAYMENT_CONFIGS=b,c runs only those.
 */
export const paymentSection: BenchSection = {
  name: 'payments over HTTP (issue 3)',
  async run(context) {
    setSignatureBackend(nodeBackend);
    const plan: Plan = context.quick
      ? { clients: 8, warmupMs: 1_000, durationMs: 3_000, shortMs: 2_000 }
      : { clients: 32, warmupMs: 3_000, durationMs: 20_000, shortMs: 10_000 };
    const only = process.env.BENCH_PAYMENT_CONFIGS?.split(',').map((s) => s.trim());
    const url = benchServerUrl();
    const pg = await PgServer.connect(url);
    const rows: BenchRow[] = [];
    try {
      for (const config of configs) {
        if (only ? !only.includes(config.key) : context.quick && config.key === 'c') {
          rows.push({
            figure: `payments/s, ${config.label}`,
            value: Number.NaN,
            note: only ? 'not in BENCH_PAYMENT_CONFIGS' : 'skipped in --quick',
          });
          continue;
        }
        if (config.engine === 'postgres' && !(pg instanceof PgServer)) {
          rows.push({
            figure: `payments/s, ${config.label}`,
            value: Number.NaN,
            note: `skipped: no PostgreSQL at ${displayUrl(url)} (${pg.unavailable})`,
          });
          continue;
        }
        const crossBank = config.crossBank && !context.quick;
        try {
          rows.push(
            ...(await runConfig(
              context,
              { ...config, crossBank },
              plan,
              config.engine === 'postgres' && pg instanceof PgServer ? pg : undefined,
            )),
          );
        } catch (e) {
          // A stack that does not come up is reported, and the run goes on to the next one.
          const message = e instanceof Error ? e.message : String(e);
          console.error(`payments, ${config.label}: ${message}`);
          process.exitCode = 1;
          rows.push({
            figure: `payments/s, ${config.label}`,
            value: Number.NaN,
            note: `FAILED: ${message.split('\n')[0]?.slice(0, 200)}`,
          });
        }
      }
    } finally {
      if (pg instanceof PgServer) await pg.close();
    }
    return rows;
  },
};
