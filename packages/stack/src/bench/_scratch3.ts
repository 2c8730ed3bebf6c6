import { Writable } from 'node:stream';

const t0 = performance.now();
const out = new Writable({
  write(c: Buffer, _e, d) {
    process.stdout.write(`${((performance.now() - t0) / 1000).toFixed(1)} ${c.toString()}`);
    d();
  },
});
const { startServices } = await import('../services.ts');
const { mkdtempSync } = await import('node:fs');
const dir = mkdtempSync('/tmp/tb-');
const env = { ...process.env };
delete env.DATABASE_URL;
const r = await startServices(
  [
    {
      name: 'cloud',
      label: 'c',
      entry: '/work/main/apps/cloud/src/server.ts',
      port: 4901,
      cwd: '/work/main/apps/cloud',
      env: { CLOUD_DATA_DIR: `${dir}/cloud`, BANK_URLS: 'http://127.0.0.1:4902' },
    },
    {
      name: 'iron',
      label: 'i',
      entry: '/work/main/apps/bank/src/server.ts',
      port: 4902,
      cwd: '/work/main/apps/bank',
      env: {
        CLOUD_URL: 'http://127.0.0.1:4901',
        PUBLIC_URL: 'http://127.0.0.1:4902',
        BANK_DATA_DIR: `${dir}/iron`,
      },
    },
  ],
  { env, output: out },
);
console.log('ready', ((performance.now() - t0) / 1000).toFixed(1));
await r.stop();
