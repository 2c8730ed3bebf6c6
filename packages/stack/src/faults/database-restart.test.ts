import { CloudClient, listTokens, Member, MemoryKeyStore } from '@tokenos/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgServer } from '../bench/postgres.ts';
import { type BenchStack, startBenchStack } from '../bench/stack.ts';
import { connectServer, needsPostgres, titled } from './environment.ts';
import { countBy } from './ledgers.ts';
import { PrivateCluster } from './private-cluster.ts';
import { RecordingFetch } from './recording-fetch.ts';

// Issue 8, "The database restarts under load": a cloud process on a PostgreSQL cluster of this
// test's own is loaded with signed writes (new members: directory operations) and signed reads
// while the cluster is stopped and started again. Meanwhile the cloud answers 503 problem+json with
// Retry-After, never a 500 and never a dropped connection, and afterwards it serves again by itself.
const skip = needsPostgres() ?? PrivateCluster.unavailable();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip !== undefined)(titled('PostgreSQL restarts under load', skip), () => {
  let cluster: PrivateCluster;
  let pg: PgServer;
  let stack: BenchStack;

  beforeAll(async () => {
    await connectServer().then((shared) => shared.close());
    cluster = await PrivateCluster.start();
    const server = await PgServer.connect(cluster.url);
    if (!(server instanceof PgServer)) throw new Error(`private cluster: ${server.unavailable}`);
    pg = server;
    stack = await startBenchStack({ engine: 'postgres', pg, cloudInstances: 1, iron: false, gold: false });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await pg?.close().catch(() => {});
    await cluster?.destroy();
  });

  it('the cloud answers 503 problem+json while its database restarts, never a 500, and recovers by itself', async () => {
    const recorder = new RecordingFetch(10_000);
    const client = new CloudClient({ baseUrl: stack.cloudUrl, fetch: recorder.fetch });
    const reader = await Member.create(client, new MemoryKeyStore());
    const pid = stack.cloudPids[0]!;

    type Phase = 'before' | 'down' | 'after';
    let phase = 'before' as Phase;
    let running = true;
    const ops: { phase: Phase; ok: boolean; at: number }[] = [];
    const worker = async (n: number) => {
      for (let i = 0; running; i++) {
        const at = Date.now();
        try {
          // Writes (a new member: its directory log and keys) and reads (a signed list), in turn.
          if ((i + n) % 2 === 0) await Member.create(client, new MemoryKeyStore());
          else await listTokens(reader);
          ops.push({ phase, ok: true, at });
        } catch {
          ops.push({ phase, ok: false, at });
          await sleep(50);
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, n) => worker(n)));

    await sleep(2_000);
    await cluster.stopServer();
    phase = 'down';
    await sleep(3_000);
    await cluster.startServer();
    const restartedAt = Date.now();
    phase = 'after';
    // Recovery: by itself, with no restart of the cloud; give it a few seconds of load.
    await sleep(4_000);
    running = false;
    await load;

    const failures = recorder.failures;
    console.log(
      'answers that were not 2xx:',
      Object.fromEntries(countBy(failures, (f) => `${f.status} ${f.code}`)),
    );
    for (const f of failures.filter((f) => f.status !== 503))
      console.log(
        `not a 503: ${f.status} ${f.code} ${new URL(f.url).pathname}, ${f.at - restartedAt} ms after the restart`,
      );
    expect(ops.filter((o) => o.phase === 'before' && o.ok).length).toBeGreaterThan(0);
    // While the database was away: 503s, each a problem+json with Retry-After.
    expect(failures.filter((f) => f.status === 503).length).toBeGreaterThan(0);
    for (const f of failures) {
      expect(f.status).toBe(503);
      expect(f.code).toBe('Unavailable');
      expect(f.contentType).toMatch(/^application\/problem\+json/);
      expect(f.retryAfter).toMatch(/^\d+$/);
    }
    // The same process throughout, answering every request (no status 0: no dropped connection).
    expect(stack.cloudPids).toEqual([pid]);
    expect(() => process.kill(pid, 0)).not.toThrow();
    // Afterwards it serves again: the last second of load succeeded throughout.
    const tail = ops.filter((o) => o.at > restartedAt + 3_000);
    expect(tail.length).toBeGreaterThan(0);
    expect(tail.filter((o) => !o.ok)).toEqual([]);
  });
});
