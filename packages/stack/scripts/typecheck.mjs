// Typechecks every workspace with its own tsconfig (protocol without DOM or Node types, apps with
// theirs), in parallel, and fails if any fails. TypeScript 7's native tsc has no --build with
// noEmit, so each project is checked as its own program.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;
const projects = ['.'];
for (const group of ['packages', 'apps']) {
  for (const name of readdirSync(join(root, group))) {
    for (const file of ['tsconfig.json', 'tsconfig.test.json']) {
      if (existsSync(join(root, group, name, file))) projects.push(join(group, name, file));
    }
  }
}
const tsc = join(root, 'node_modules/.bin/tsc');
const results = await Promise.all(
  projects.map(
    (p) =>
      new Promise((resolve) => {
        const child = spawn(tsc, ['-p', join(root, p), '--pretty'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => resolve({ p, code, out }));
      }),
  ),
);
let failed = 0;
for (const r of results) {
  if (r.code !== 0) {
    failed++;
    process.stdout.write(`\n✗ typecheck ${r.p}\n${r.out}`);
  }
}
console.log(`typecheck: ${results.length - failed} of ${results.length} projects clean`);
process.exit(failed ? 1 : 0);
