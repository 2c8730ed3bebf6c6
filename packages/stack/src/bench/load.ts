import { performance } from 'node:perf_hooks';

export interface LoadResult {
  /** Operations that completed inside the measuring window. */
  completed: number;
  /** Operations that failed inside the window. */
  errors: number;
  firstError?: string;
  /** Length of the measuring window. */
  seconds: number;
  /** Latency of each operation that completed inside the window, ms, sorted ascending. */
  latenciesMs: number[];
}

/**
 * A closed loop: `clients` workers each run `operation(client)` again as soon as the last one
 * finished, for `warmupMs` (not counted: connections, JIT, caches) and then `durationMs`. An
 * operation counts, with its latency, if it completes inside the window; work still in flight at
 * the end is awaited and discarded. A failure is counted, and the worker pauses briefly so a
 * broken service does not turn into a busy loop.
 */
export async function closedLoop(
  operation: (client: number) => Promise<void>,
  options: { clients: number; warmupMs: number; durationMs: number },
): Promise<LoadResult> {
  const start = performance.now() + options.warmupMs;
  const end = start + options.durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const worker = async (client: number) => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        await operation(client);
        const t1 = performance.now();
        if (t1 >= start && t1 < end) latencies.push(t1 - t0);
      } catch (e) {
        const t1 = performance.now();
        if (t1 >= start && t1 < end) {
          errors++;
          firstError ??= e instanceof Error ? e.message : String(e);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, i) => worker(i)));
  latencies.sort((a, b) => a - b);
  return {
    completed: latencies.length,
    errors,
    ...(firstError === undefined ? {} : { firstError }),
    seconds: options.durationMs / 1000,
    latenciesMs: latencies,
  };
}

/** Nearest-rank percentile of sorted values (q in 0..1); NaN when there are none. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
