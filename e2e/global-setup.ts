import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultServices, runCommand, startServices } from '../packages/stack/src/services.ts';
import { stackFile, stackLog } from './stack.ts';

/** A port the OS says is free right now (it is released at once for the service to take). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}

/**
 * Builds the wallet, then starts the stack (cloud, when it exists, and wallet) on free ports with
 * a throwaway cloud database, and hands their URLs to the tests through env vars and
 * output/stack.json. Playwright runs the returned function as the global teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // Build and service logs go to a file, so the test report stays readable.
  mkdirSync(dirname(stackLog), { recursive: true });
  const output = createWriteStream(stackLog);
  const started = async <T>(step: Promise<T>): Promise<T> =>
    step.catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n(full log: ${stackLog})`);
    });
  await started(runCommand('build', 'npm', ['run', 'build', '-w', '@tokenos/wallet'], { output }));

  const dataDir = mkdtempSync(join(tmpdir(), 'tokenos-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CLOUD_PORT: String(await freePort()),
    WALLET_PORT: String(await freePort()),
    CLOUD_DATA_DIR: join(dataDir, 'cloud'),
  };
  const stack = await started(startServices(defaultServices({ env }), { env, output })).catch(
    (error: unknown) => {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    },
  );

  const urls: Record<string, string> = {};
  for (const service of stack.services) urls[service.name] = service.url;
  for (const skipped of stack.skipped) console.log(`e2e: ${skipped.label} not started: ${skipped.reason}`);
  if (urls.wallet) process.env.WALLET_URL = urls.wallet;
  if (urls.cloud) process.env.CLOUD_URL = urls.cloud;
  writeFileSync(stackFile, `${JSON.stringify(urls, null, 2)}\n`);

  return async () => {
    await stack.stop();
    output.end();
    rmSync(stackFile, { force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
