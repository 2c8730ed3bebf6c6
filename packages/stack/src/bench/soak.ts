import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { nodeBackend } from '@tokenos/crypto-node';
import { type Money, setSignatureBackend } from '@tokenos/protocol';
import { closedLoop, percentile } from './load.ts';
import { benchServerUrl, displayUrl, PgServer } from './postgres.ts';
import { startBenchStack } from './stack.ts';
import type { BenchRow, BenchSection } from './types.ts';
import { linkAccount, newMember, newPayers, pay } from './world.ts';

const amount: Money = { value: '0.01', currency: 'EUR' };

/** Resident memory now (VmRSS, Linux) of a process in MB. */
export async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb) / 1024;
}

/** Least-squares slope of y over x (x in minutes, y in MB): MB per minute; NaN under two points. */
export function slopePerMinute(samples: readonly { minute: number; mb: number }[]): number {
  const n = samples.length;
  if (n < 2) return Number.NaN;
  const mx = samples.reduce((s, p) => s + p.minute, 0) / n;
  const my = samples.reduce((s, p) => s + p.mb, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of samples) {
    num += (p.minute - mx) * (p.mb - my);
    den += (p.minute - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name}: expected a positive number, got ${raw}`);
  return value;
}

/**
 * `npm run bench -- --soak` (memory must stay flat over a 10-minute run): one cloud on PostgreSQL, Iron
 * Bank, 16 payers paying 0.01 EUR in a closed loop for SOAK_MINUTES (default 10), the cloud's
 * resident memory (VmRSS) sampled every SOAK_SAMPLE_SECONDS (default 10) and printed as it goes;
 * the table gives start, peak and end, and the least-squares slope over the whole run and over its
 * second half (after the caches and pools filled). Not in CI: it takes the whole 10 minutes.
 */
export const soakSection: BenchSection = {
  name: 'memory soak',
  async run() {
    setSignatureBackend(nodeBackend);
    const minutes = envNumber('SOAK_MINUTES', 10);
    const everyMs = envNumber('SOAK_SAMPLE_SECONDS', 10) * 1000;
    const clients = 16;
    const heading = `memory soak: ${minutes} min of payments (${clients} payers, 0.01 EUR, passkey each), 1 cloud on PostgreSQL, cloud VmRSS every ${everyMs / 1000} s`;
    const url = benchServerUrl();
    const pg = await PgServer.connect(url);
    if (!(pg instanceof PgServer))
      return [
        {
          figure: 'cloud resident memory at start',
          value: Number.NaN,
          unit: 'MB',
          note: `skipped: no PostgreSQL at ${displayUrl(url)} (${pg.unavailable})`,
          section: heading,
        },
      ];
    const stack = await startBenchStack({ engine: 'postgres', pg, cloudInstances: 1, gold: false });
    try {
      const payers = await newPayers(stack.cloudUrl, stack.ironUrl, clients);
      const merchant = await newMember(stack.cloudUrl);
      const account = await linkAccount(stack.ironUrl, merchant, {
        username: 'shop',
        account: 'Merchant account',
      });
      const pid = stack.cloudPids[0]!;
      const samples: { minute: number; mb: number }[] = [];
      const started = performance.now();
      const sample = async () => {
        const minute = (performance.now() - started) / 60_000;
        const mb = await residentMb(pid);
        samples.push({ minute, mb });
        process.stderr.write(`soak: ${minute.toFixed(2)} min, cloud RSS ${mb.toFixed(1)} MB\n`);
      };
      await sample();
      const timer = setInterval(() => void sample(), everyMs);
      const result = await closedLoop((i) => pay(payers[i]!, { member: merchant, account }, amount), {
        clients,
        warmupMs: 0,
        durationMs: minutes * 60_000,
      }).finally(() => clearInterval(timer));
      await sample();
      const mbs = samples.map((s) => s.mb);
      const second = samples.filter((s) => s.minute >= minutes / 2);
      const rows: BenchRow[] = [
        {
          figure: 'payments/s over the soak',
          value: result.completed / result.seconds,
          note: `${result.completed} payments, ${result.errors === 0 ? '0 errors' : `${result.errors} ERRORS, first: ${result.firstError?.slice(0, 160)}`}; p99 ${Math.round(percentile(result.latenciesMs, 0.99))} ms`,
        },
        {
          figure: 'cloud resident memory at start',
          value: mbs[0]!,
          unit: 'MB',
          note: 'VmRSS once the payers are linked',
        },
        {
          figure: 'cloud resident memory, peak sample',
          value: Math.max(...mbs),
          unit: 'MB',
          note: `${samples.length} samples`,
        },
        { figure: 'cloud resident memory at end', value: mbs.at(-1)!, unit: 'MB' },
        {
          figure: 'cloud memory slope, whole run',
          value: slopePerMinute(samples),
          unit: 'MB/min',
          note: 'least squares',
        },
        {
          figure: 'cloud memory slope, second half',
          value: slopePerMinute(second),
          unit: 'MB/min',
          note: `least squares over minutes ${(minutes / 2).toFixed(1)}-${minutes}`,
        },
      ];
      return rows.map((row) => ({ ...row, section: heading }));
    } finally {
      await stack.stop();
      await pg.close();
    }
  },
};
