import { CloudClient, Member, MemoryKeyStore } from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import { startTestCloud } from '../../test/harness.ts';
import { createCloudApp } from '../app.ts';
import { RateLimiter } from './rate-limit.ts';

describe('rate limits', () => {
  it('a token bucket allows the burst, then answers with the seconds to wait, and refills', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perSecond: 1 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    now += 1000;
    expect(limiter.take('a')).toBe(0);
  });

  it('answers 429 problem+json with Retry-After, per address and per signed member', async () => {
    const cloud = await startTestCloud();
    try {
      const deps = {
        ...cloud.deps,
        config: {
          ...cloud.deps.config,
          rateLimits: { perAddress: { burst: 1000, perSecond: 1 }, perMember: { burst: 2, perSecond: 1 } },
        },
      };
      const app = createCloudApp(deps);
      const member = await Member.create(cloud.client, new MemoryKeyStore());
      const limited = new Member(
        member.id,
        new CloudClient({
          baseUrl: 'http://cloud.test',
          fetch: async (input, init) => app.request(input instanceof URL ? input.href : input, init),
          now: () => cloud.clock.now,
        }),
        member.keyStore,
      );
      const signer = await limited.signerFor('LOW');
      const call = () =>
        limited.client.send('GET', '/api/v1/tokens', undefined, signer).then(
          () => 200,
          (e: { status: number }) => e.status,
        );
      expect([await call(), await call(), await call()]).toEqual([200, 200, 429]);
      const res = await app.request('http://cloud.test/api/v1/tokens', { method: 'GET' });
      expect(res.status).toBe(401); // unsigned: refused before it can touch the member's budget

      const perAddress = createCloudApp({
        ...cloud.deps,
        config: {
          ...cloud.deps.config,
          rateLimits: { perAddress: { burst: 1, perSecond: 1 }, perMember: { burst: 100, perSecond: 100 } },
        },
      });
      expect((await perAddress.request('http://cloud.test/api/v1/cloud/keys')).status).toBe(200);
      const refused = await perAddress.request('http://cloud.test/api/v1/cloud/keys');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await cloud.close();
    }
  });
});
