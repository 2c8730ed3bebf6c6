import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { benchSections } from './bench/sections.ts';
import { type BenchResult, formatTable } from './bench/table.ts';

// `npm run bench` measures about two seconds per figure; `--quick` (CI) a quarter second, about
// five seconds in all. Numbers are printed, never asserted: they depend on the machine.
const quick = process.argv.includes('--quick');
const durationMs = quick ? 250 : 2000;

const started = performance.now();
const results: BenchResult[] = [];
for (const section of benchSections) {
  results.push({ section: section.name, rows: await section.run({ durationMs }) });
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);

console.log(
  `node ${process.versions.node}, OpenSSL ${process.versions.openssl}, ${availableParallelism()} cores, ` +
    `UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}, ${quick ? 'quick' : 'full'} run, ${seconds} s\n`,
);
console.log(formatTable(results));
