import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultServices, freePort, runCommand, type ServiceSpec, startServices } from '@tokenos/stack';
import { stackFile, stackLog, stackPidsFile } from './stack.ts';

const bankEntry = fileURLToPath(new URL('../apps/bank/src/server.ts', import.meta.url));

/**
 * The stack's banks with throwaway data folders (a bank keeps its member id there, and this run's
 * cloud starts empty), offered by the wallet through WALLET_BANKS.
 */
function withThrowawayBanks(specs: ServiceSpec[], env: NodeJS.ProcessEnv, dataDir: string): ServiceSpec[] {
  const banks = specs.filter((s) => s.entry === bankEntry && !s.skip);
  env.WALLET_BANKS ??= banks
    .map((b) => `${b.env?.BANK_NAME ?? b.label}=http://localhost:${b.port}`)
    .join(',');
  return specs.map((s) =>
    s.entry === bankEntry ? { ...s, env: { BANK_DATA_DIR: join(dataDir, s.name), ...s.env } } : s,
  );
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
  // The checkout widget, which the cloud serves to the shop and budget pages (read at its start).
  await started(runCommand('build', 'npm', ['run', 'build', '-w', '@tokenos/checkout'], { output }));

  const dataDir = mkdtempSync(join(tmpdir(), 'tokenos-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CLOUD_PORT: String(await freePort()),
    WALLET_PORT: String(await freePort()),
    CLOUD_DATA_DIR: join(dataDir, 'cloud'),
    IRON_PORT: String(await freePort()),
    GOLD_PORT: String(await freePort()),
    SHOP_PORT: String(await freePort()),
    BUDGET_PORT: String(await freePort()),
    MAIL_PORT: String(await freePort()),
    MAIL_SMTP_PORT: String(await freePort()),
    SHOP_DATA_DIR: join(dataDir, 'shop'),
    BUDGET_DATA_DIR: join(dataDir, 'budget'),
    MAIL_DATA_DIR: join(dataDir, 'mail'),
  };
  const specs = withThrowawayBanks(defaultServices({ env }), env, dataDir);
  // A loaded machine (several runs sharing two cores) starts the cloud slowly: wait up to 5 minutes.
  const stack = await started(startServices(specs, { env, output, readyTimeoutMs: 300_000 })).catch(
    (error: unknown) => {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    },
  );

  const urls: Record<string, string> = {};
  const pids: Record<string, number> = {};
  for (const service of stack.services) {
    urls[service.name] = service.url;
    pids[service.name] = service.pid;
  }
  for (const skipped of stack.skipped) console.log(`e2e: ${skipped.label} not started: ${skipped.reason}`);
  if (urls.wallet) process.env.WALLET_URL = urls.wallet;
  if (urls.cloud) process.env.CLOUD_URL = urls.cloud;
  // The workers inherit this run's URLs; stack.json is for a person (or a second run) looking on.
  process.env.STACK_URLS = JSON.stringify(urls);
  writeFileSync(stackFile, `${JSON.stringify(urls, null, 2)}\n`);
  // The pids let a test pause a service (SIGSTOP) to see how the others cope with its silence.
  process.env.STACK_PIDS = JSON.stringify(pids);
  writeFileSync(stackPidsFile, `${JSON.stringify(pids, null, 2)}\n`);

  return async () => {
    // A test that paused a service and died before resuming it must not leave it paused: a stopped
    // process would sit out SIGTERM until the grace period ends in SIGKILL. The children are not
    // reaped yet, so none of these pids can belong to another process.
    for (const pid of Object.values(pids)) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // Exited already.
      }
    }
    await stack.stop();
    output.end();
    rmSync(stackFile, { force: true });
    rmSync(stackPidsFile, { force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
