import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
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

/**
 * The targets for PostgreSQL on this machine: 400 payments/s, p99 under 150 ms, and at least half
 * of the bound that the payment's own signatures and database work allow.
 */
const target = { perSecond: 400, p99Ms: 150, ofBound: 0.5 };
/** A cent, so alice's 5,000.00 EUR Savings lasts 500,000 payments. */
const amount: Money = { value: '0.01', currency: 'EUR' };

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
  { key: 'a', label: '(a) PGlite, 1 cloud', engine: 'pglite', instances: 1, crossBank: false, access: true },
  {
    key: 'b',
    label: '(b) PostgreSQL, 1 cloud',
    engine: 'postgres',
    instances: 1,
    crossBank: true,
    access: true,
  },
  {
    key: 'c',
    label: '(c) PostgreSQL, 2 clouds + round-robin proxy',
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

interface ConfigRows {
  payments: BenchRow[];
  access: BenchRow[];
}

function met(ok: boolean): string {
  return ok ? 'met' : 'NOT met';
}

function errorNote(r: LoadResult): string {
  return r.errors === 0 ? '0 errors' : `${r.errors} ERRORS, first: ${r.firstError?.slice(0, 160)}`;
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

function engineRates(context: BenchContext, engine: 'pglite' | 'postgres'): EngineRates {
  return engine === 'pglite'
    ? {
        writes: context.figure(engineFigures.pgliteWrites),
        reads: context.figure(engineFigures.pgliteReads),
        cores: 1,
      }
    : {
        writes: context.figure(engineFigures.pgWrites),
        reads: context.figure(engineFigures.pgReads),
        cores: availableParallelism(),
      };
}

/** Runs one configuration: its own stack, payers and merchant, the measurement, the bound. */
async function runConfig(
  context: BenchContext,
  config: Config,
  plan: Plan,
  pg: PgServer | undefined,
): Promise<ConfigRows> {
  const cores = availableParallelism();
  const label = `payments/s, ${config.label}`;
  const boundLabel = `bound from signatures + DB work, ${config.label}`;
  // The banks run on the cloud's engine (PGlite, or a PostgreSQL database of their own).
  const rates = engineRates(context, config.engine);
  const bound = paymentBound(context, cores, rates, rates);
  const started = performance.now();
  const progress = (what: string) =>
    process.stderr.write(
      `bench: ${config.label}: ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );

  const stack = await startBenchStack({
    engine: config.engine,
    ...(pg ? { pg } : {}),
    cloudInstances: config.instances,
    gold: config.crossBank,
  });
  try {
    progress('services up');
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
    progress(`${plan.clients} payers and the merchant linked; measuring`);

    const loading = closedLoop((i) => pay(payers[i]!, { member: merchant, account }, amount), {
      clients: plan.clients,
      warmupMs: plan.warmupMs,
      durationMs: plan.durationMs,
    });
    await sleep(plan.warmupMs);
    const before = context.quick || !pg ? undefined : await commits();
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
    const after = before === undefined ? undefined : await sleep(11_000).then(commits);
    progress(`${result.completed} payments`);
    const perSecond = result.completed / result.seconds;
    const memory = await Promise.all(stack.cloudPids.map(peakMemoryMb));
    const p99 = percentile(result.latenciesMs, 0.99);
    const postgres = config.engine === 'postgres';

    const cpuMs = used.map(
      ([name, seconds]) => [name, (seconds * 1000) / Math.max(result.completed, 1)] as const,
    );
    const cpuTotal = cpuMs.reduce((sum, [, ms]) => sum + ms, 0);
    const measured =
      before && after
        ? `; measured commits per payment: cloud ${perPayment(after.cloud - before.cloud, result)}, bank ${perPayment(after.bank - before.bank, result)} (counted ${paymentCost.cloud.commits}, ${paymentCost.bank.commits})`
        : '';
    const payments: BenchRow[] = [
      {
        figure: label,
        value: perSecond,
        baseline: boundLabel,
        note: [
          errorNote(result),
          ...(postgres
            ? [
                `target >= ${target.perSecond}/s: ${met(perSecond >= target.perSecond)}`,
                `>= ${target.ofBound}x bound: ${met(perSecond >= target.ofBound * bound.perSecond)}`,
              ]
            : []),
        ].join('; '),
      },
      { figure: boundLabel, value: bound.perSecond, note: `${bound.note}${measured}` },
      {
        figure: `payment latency p50, ${config.label}`,
        value: percentile(result.latenciesMs, 0.5),
        unit: 'ms',
      },
      {
        figure: `payment latency p99, ${config.label}`,
        value: p99,
        unit: 'ms',
        ...(postgres ? { note: `target < ${target.p99Ms} ms: ${met(p99 < target.p99Ms)}` } : {}),
      },
      {
        figure: `CPU per payment, ${config.label}`,
        value: result.completed > 0 ? cpuTotal : Number.NaN,
        unit: 'ms',
        note: `${cpuMs.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(' + ')}; ${cores} cores = ${cores * 1000} ms/s: at most ${Math.round((cores * 1000) / cpuTotal)}/s at this cost`,
      },
      {
        figure: `cloud peak memory (VmHWM), ${config.label}`,
        value: Math.max(...memory),
        unit: 'MB',
        note:
          memory.length > 1
            ? `instances: ${memory.map((m) => `${m.toFixed(0)} MB`).join(', ')}`
            : 'of the cloud node process itself',
      },
    ];
    if (config.crossBank && plan.shortMs > 0 && stack.goldUrl)
      payments.push(...(await crossBank(stack, payers, merchant, config, plan, label)));
    const access =
      config.access && plan.shortMs > 0 ? await accessReads(stack, payers[0]!, config, plan) : [];
    return { payments, access };
  } finally {
    await stack.stop();
    progress('stopped');
  }
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
  return [
    {
      figure: `balance reads/s, ${config.label}`,
      value: result.completed / result.seconds,
      note: errorNote(result),
    },
    {
      figure: `balance read latency p50, ${config.label}`,
      value: percentile(result.latenciesMs, 0.5),
      unit: 'ms',
    },
    {
      figure: `balance read latency p99, ${config.label}`,
      value: percentile(result.latenciesMs, 0.99),
      unit: 'ms',
    },
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
  return [
    {
      figure: `payments/s Iron Bank -> Gold Bank, ${config.label}`,
      value: result.completed / result.seconds,
      baseline: sameBank,
      note: `${plan.shortMs / 1000} s window; ${errorNote(result)}`,
    },
    {
      figure: `payment latency p99 Iron Bank -> Gold Bank, ${config.label}`,
      value: percentile(result.latenciesMs, 0.99),
      unit: 'ms',
    },
  ];
}

/**
 * Whole payments per second over HTTP with every service a process of its own (bench/stack.ts),
 * 32 payers at once, beside the bound that the payment's signatures and database work allow on
 * this machine in this run (bench/payment-cost.ts). Configurations: (a) PGlite, one cloud;
 * (b) PostgreSQL, one cloud; (c) PostgreSQL, two clouds behind a round-robin proxy. The banks use
 * the cloud's engine: PGlite in (a), their own PostgreSQL database in (b) and (c). Access reads
 * run in the stacks of (a) and (b), payments from Iron Bank to Gold Bank in (b).
 * `--quick`: 8 payers, 3 s windows, (a) and (b) only. BENCH_PAYMENT_CONFIGS=b,c runs only those.
 */
export const paymentSection: BenchSection = {
  name: 'payments over HTTP',
  async run(context) {
    setSignatureBackend(nodeBackend);
    const plan: Plan = context.quick
      ? { clients: 8, warmupMs: 1_000, durationMs: 3_000, shortMs: 2_000 }
      : { clients: 32, warmupMs: 3_000, durationMs: 20_000, shortMs: 10_000 };
    // The headings say what every row of the table shares.
    const paymentsHeading =
      `payments over HTTP: ${plan.clients} payers at once, each its own member and passkey; ` +
      'payment = create + endorse (STANDARD key and passkey every time: RTS Art. 16 exemptions run out ' +
      `after 5) + bank co-sign + redeem, 0.01 EUR, all at Iron Bank; banks on the cloud's engine (PGlite, or ` +
      `a PostgreSQL database each); rate limits raised to ${benchRateLimit} (burst/per s)`;
    const accessHeading = `access reads over HTTP: ${plan.clients} readers at once, one grantee, one live grant`;
    const only = process.env.BENCH_PAYMENT_CONFIGS?.split(',').map((s) => s.trim());
    const url = benchServerUrl();
    const pg = await PgServer.connect(url);
    const payments: BenchRow[] = [];
    const access: BenchRow[] = [];
    const skip = (config: Config, note: string) =>
      payments.push({ figure: `payments/s, ${config.label}`, value: Number.NaN, note });
    try {
      for (const config of configs) {
        if (only ? !only.includes(config.key) : context.quick && config.key === 'c') {
          skip(config, only ? 'not in BENCH_PAYMENT_CONFIGS' : 'skipped in --quick');
          continue;
        }
        if (config.engine === 'postgres' && !(pg instanceof PgServer)) {
          skip(config, `skipped: no PostgreSQL at ${displayUrl(url)} (${pg.unavailable})`);
          continue;
        }
        try {
          const rows = await runConfig(
            context,
            { ...config, crossBank: config.crossBank && !context.quick },
            plan,
            config.engine === 'postgres' && pg instanceof PgServer ? pg : undefined,
          );
          payments.push(...rows.payments);
          access.push(...rows.access);
        } catch (e) {
          // A stack that does not come up is reported, and the run goes on to the next one.
          const message = e instanceof Error ? e.message : String(e);
          console.error(`payments, ${config.label}: ${message}`);
          process.exitCode = 1;
          skip(config, `FAILED: ${message.split('\n')[0]?.slice(0, 200)}`);
        }
      }
    } finally {
      if (pg instanceof PgServer) await pg.close();
    }
    return [
      ...payments.map((row) => ({ ...row, section: paymentsHeading })),
      ...access.map((row) => ({ ...row, section: accessHeading })),
    ];
  },
};
