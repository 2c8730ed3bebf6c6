import { performance } from 'node:perf_hooks';

/**
 * Operations per second of an async operation kept `concurrency` deep: with node:crypto's callback
 * API the work runs on the libuv thread pool, so one in flight would leave it idle. Runs a warm-up
 * of a tenth of the time (at least 50 ms) first (JIT, precomputed tables, key caches) and discards it.
 */
export async function opsPerSecond(
  operation: () => Promise<unknown>,
  options: { durationMs: number; concurrency: number },
): Promise<number> {
  await run(operation, Math.max(options.durationMs / 10, 50), options.concurrency);
  return run(operation, options.durationMs, options.concurrency);
}

async function run(
  operation: () => Promise<unknown>,
  durationMs: number,
  concurrency: number,
): Promise<number> {
  const start = performance.now();
  const deadline = start + durationMs;
  let done = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await operation();
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - start) / 1000);
}

/** Operations per second of a synchronous operation, checking the clock every `batch` calls. */
export function syncOpsPerSecond(
  operation: () => unknown,
  options: { durationMs: number; batch?: number },
): number {
  const batch = options.batch ?? 100;
  const loop = (durationMs: number) => {
    const start = performance.now();
    let done = 0;
    while (performance.now() - start < durationMs) {
      for (let i = 0; i < batch; i++) operation();
      done += batch;
    }
    return done / ((performance.now() - start) / 1000);
  };
  loop(Math.max(options.durationMs / 10, 50));
  return loop(options.durationMs);
}
