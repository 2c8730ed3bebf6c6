import { CloudClient, Member } from '@tokenos/sdk';
import { createCloudApp } from '../src/app.ts';
import type { TestCloud } from './harness.ts';

/**
 * A second cloud instance on the same database, as a second process would run it: its own app
 * and its own connection pool (on PGlite, the one embedded instance). Returns a function that
 * rebinds a member to it.
 */
export async function secondInstance(cloud: TestCloud): Promise<(member: Member) => Member> {
  const db = await cloud.db.openSibling();
  const app = createCloudApp({ ...cloud.deps, db });
  const client = new CloudClient({
    baseUrl: 'http://cloud2.test',
    fetch: async (input, init) => app.request(input instanceof URL ? input.href : input, init),
    now: () => cloud.clock.now,
  });
  return (member) => new Member(member.id, client, member.keyStore);
}
