// `npm run lint:openapi`: writes the document the cloud serves at /openapi.json to a temporary file
// and lints it with Redocly's recommended ruleset. Offline: Redocly's telemetry and update check
// are off and the ruleset ships inside the package.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeBackend } from '@tokenos/crypto-node';
import type { Db } from '@tokenos/db';
import { setSignatureBackend } from '@tokenos/protocol';
import { createCloudApp } from '../app.ts';
import type { CloudKey } from '../cloud-keys.ts';
import { configFromEnv } from '../config.ts';

setSignatureBackend(nodeBackend);
// The production route set, at the public URL the environment configures (CLOUD_PUBLIC_URL).
const config = configFromEnv({ ...process.env, NODE_ENV: 'production' });
// Describing the routes reads neither the database nor the cloud's key (starting PGlite for them
// took most of a minute on a busy machine); any use of either fails loudly instead.
const unused = <T extends object>(name: string): T =>
  new Proxy({} as T, {
    get: (_, property) => {
      throw new Error(`the API description read ${name}.${String(property)}`);
    },
  });
let status = 1;
const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
try {
  const app = createCloudApp({
    db: unused<Db>('db'),
    backend: nodeBackend,
    config,
    now: Date.now,
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    cloudKey: unused<CloudKey>('cloudKey'),
    banks: { connectorFor: () => undefined },
  });
  const res = await app.request(new URL('/openapi.json', config.publicUrl).href);
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
  const file = join(dir, 'openapi.json');
  writeFileSync(file, await res.text());
  const redocly = new URL('../../../../node_modules/.bin/redocly', import.meta.url).pathname;
  const run = spawnSync(redocly, ['lint', '--extends', 'recommended', '--format', 'stylish', file], {
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  status = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
