import type { AliasValue } from '@tokenos/protocol';
import { addAlias, CloudClient, Member, MemoryKeyStore } from '@tokenos/sdk';
import { describe, expect, it } from 'vitest';
import { perFileCloud } from '../../test/harness.ts';
import { queuedCode } from '../../test/queued-code.ts';
import { createCloudApp } from '../app.ts';
import { configFromEnv } from '../config.ts';

// Issue 13: a development route served every code sent to an address, so anyone could add a
// victim's email as an alias of their own member, read the code and take the alias. No GET route
// may answer with a code, whatever the configuration.
const cloud = perFileCloud();

/** The environments a cloud starts in: none at all, and what `npm start` sets (dev conveniences on). */
const environments: Record<string, Record<string, string>> = {
  'no configuration': {},
  'npm start (development conveniences on)': {
    DEV_LOCALHOST_DOMAINS: 'on',
    SMS_SENDER: 'mail-gateway',
    SMTP_URL: 'smtp://127.0.0.1:1025',
  },
};

let seq = 0;

describe('one-time codes are never served over HTTP', () => {
  for (const [name, env] of Object.entries(environments)) {
    it(`${name}: no GET route answers with the code just sent`, async () => {
      const config = { ...configFromEnv(env), publicUrl: 'http://cloud.test' };
      const app = createCloudApp({ ...cloud.deps, config });
      const client = new CloudClient({
        baseUrl: config.publicUrl,
        fetch: async (input, init) => app.request(input instanceof URL ? input.href : input, init),
        now: () => cloud.clock.now,
      });
      const member = await Member.create(client, new MemoryKeyStore());
      seq += 1;
      const alias: AliasValue = { type: 'EMAIL', value: `victim${seq}.${Date.now()}@example.com` };
      const added = await addAlias(member, alias);
      const code = await queuedCode(cloud.deps.db, alias.value);
      expect(code, 'the verification queued a code').toMatch(/^\d{6}$/);

      // The old route by name, then every GET the app has, its parameters filled with this
      // member, this verification and this address.
      const recipient = encodeURIComponent(alias.value);
      const query = `?recipient=${recipient}&type=EMAIL&value=${recipient}&address=${recipient}`;
      const paths = [
        '/api/v1/dev/outbox',
        ...app.routes
          .filter((r) => r.method === 'GET' || r.method === 'ALL')
          .map((r) =>
            r.path
              .replace(/\/\*$/, '')
              .replace(':memberId', encodeURIComponent(member.id))
              .replace(/:[A-Za-z]+/g, added.verificationId),
          ),
      ];
      expect(paths.length).toBeGreaterThan(10);
      for (const path of new Set(paths)) {
        const res = await app.request(`http://cloud.test${path}${query}`);
        // The widget's script is a static build: digits in it are not this code, whatever they say.
        if (res.headers.get('content-type')?.includes('javascript')) continue;
        const body = await res.text();
        expect(new RegExp(`(?<!\\d)${code}(?!\\d)`).test(body), `GET ${path} answered with the code`).toBe(
          false,
        );
      }
      const old = await app.request(`http://cloud.test/api/v1/dev/outbox${query}`);
      expect(old.status).toBe(404);
    });
  }
});
