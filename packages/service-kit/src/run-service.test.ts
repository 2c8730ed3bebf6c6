import { describe, expect, it } from 'vitest';
import { runService } from './run-service.ts';

function newListeners(signal: 'SIGINT' | 'SIGTERM', before: readonly unknown[]): (() => void)[] {
  return process.listeners(signal).filter((l) => !before.includes(l)) as (() => void)[];
}

// Node 20 has no Promise.withResolvers.
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('runService', () => {
  it('listens, runs its jobs (a failing run is logged, not fatal), and stops once', async () => {
    const logged: string[] = [];
    let runs = 0;
    let fails = 0;
    let closes = 0;
    const listening = deferred<number>();
    const service = runService({
      fetch: () => new Response('hello'),
      port: 0,
      hostname: '127.0.0.1',
      onListening: (info) => listening.resolve(info.port),
      jobs: [
        { name: 'counting', everyMs: 10, run: async () => runs++ },
        { name: 'failing', everyMs: 10, run: () => Promise.reject(new Error(`run ${++fails}`)) },
      ],
      close: async () => {
        closes++;
      },
      log: (m) => logged.push(m),
      exit: () => {
        throw new Error('a direct stop() never exits');
      },
    });
    const port = await listening.promise;
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('hello');
    await expect.poll(() => runs >= 2 && fails >= 2).toBe(true);
    expect(logged.slice(0, 2)).toEqual(['failing failed', 'failing failed']);

    await Promise.all([service.stop(), service.stop()]);
    expect(closes).toBe(1);
    expect(service.server.listening).toBe(false);
    const after = runs;
    await new Promise((r) => setTimeout(r, 40));
    expect(runs).toBe(after);
  });

  it('on SIGTERM stops, closes and exits 0, and leaves no signal handler behind', async () => {
    const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    const exited = deferred<number>();
    let closed = false;
    runService({
      fetch: () => new Response('ok'),
      port: 0,
      hostname: '127.0.0.1',
      close: async () => {
        closed = true;
      },
      exit: (code) => exited.resolve(code),
    });
    const [onTerm] = newListeners('SIGTERM', before.SIGTERM);
    expect(newListeners('SIGINT', before.SIGINT)).toHaveLength(1);
    onTerm?.();
    expect(await exited.promise).toBe(0);
    expect(closed).toBe(true);
    expect(newListeners('SIGTERM', before.SIGTERM)).toEqual([]);
    expect(newListeners('SIGINT', before.SIGINT)).toEqual([]);
  });
});
