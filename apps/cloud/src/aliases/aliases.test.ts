import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { AliasValue } from '@tokenos/protocol';
import {
  type AddedAlias,
  addAlias,
  CloudClient,
  completeAliasVerification,
  isApiError,
  Member,
  MemoryKeyStore,
  removeAlias,
  resolveAlias,
  startAliasVerification,
} from '@tokenos/sdk';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perFileCloud } from '../../test/harness.ts';
import { queuedCode, queuedMessage } from '../../test/queued-code.ts';
import { buildSigned, problemOf, send, signedGet } from '../../test/raw-request.ts';
import { createCloudApp } from '../app.ts';
import { codeTtlMs, maxCodeAttempts, resolveLimits } from './routes.ts';

const cloud = perFileCloud();

let seq = 0;
/** A fresh address per test, so tests never see each other's codes or index rows. */
function email(): AliasValue {
  seq += 1;
  return { type: 'EMAIL', value: `shopper${seq}.${Date.now()}@example.com` };
}

async function newMember(): Promise<Member> {
  return Member.create(cloud.client, new MemoryKeyStore());
}

/** Who resolves aliases in these tests: resolving is a signed call. */
let askerMember: Member | undefined;
async function asker(): Promise<Member> {
  askerMember ??= await newMember();
  return askerMember;
}

async function resolveRaw(query: string, by?: Member): Promise<Response> {
  return signedGet(cloud, `/api/v1/aliases/resolve?${query}`, await (by ?? (await asker())).signerFor('LOW'));
}

/** The newest code queued for `recipient`, read from the outbox table (no route serves it). */
async function latestCode(recipient: string): Promise<string> {
  const code = await queuedCode(cloud.deps.db, recipient);
  if (!code) throw new Error(`no code in the outbox for ${recipient}`);
  return code;
}

/** A code guaranteed to differ from `code`. */
function wrong(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

async function rejection(
  p: Promise<unknown>,
): Promise<{ code: string; status: number; field: string | undefined }> {
  try {
    await p;
  } catch (e) {
    if (isApiError(e)) return { code: e.code, status: e.status, field: e.field };
    throw e;
  }
  throw new Error('expected the call to be refused');
}

async function verified(member: Member, alias: AliasValue): Promise<AddedAlias> {
  const added = await addAlias(member, alias);
  await completeAliasVerification(member, added.verificationId, await latestCode(alias.value));
  return added;
}

describe('EMAIL and PHONE aliases', () => {
  it('verifies an email with the code from the outbox; then it resolves, case-insensitively', async () => {
    const member = await newMember();
    const alias = email();
    const added = await addAlias(member, alias);
    expect(added.salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(added.attemptsLeft).toBe(maxCodeAttempts);
    // The public log holds the commitment only.
    const state = await member.state();
    expect(state.aliases).toEqual([{ type: 'EMAIL', commitment: added.commitment }]);
    expect(JSON.stringify(state)).not.toContain(alias.value);

    const done = await completeAliasVerification(member, added.verificationId, await latestCode(alias.value));
    expect(done).toMatchObject({
      memberId: member.id,
      alias: { type: 'EMAIL', commitment: added.commitment },
    });
    expect(await resolveAlias(await asker(), alias)).toBe(member.id);
    expect(await resolveAlias(await asker(), { type: 'EMAIL', value: alias.value.toUpperCase() })).toBe(
      member.id,
    );
  });

  it('verifies a phone number by SMS', async () => {
    const member = await newMember();
    const phone: AliasValue = { type: 'PHONE', value: `+4477009${String(Date.now()).slice(-5)}` };
    const added = await addAlias(member, phone);
    expect((await queuedMessage(cloud.deps.db, phone.value))?.channel).toBe('sms');
    await completeAliasVerification(member, added.verificationId, await latestCode(phone.value));
    expect(await resolveAlias(await asker(), phone)).toBe(member.id);
  });

  it('counts wrong codes; after the last attempt even the right code is refused', async () => {
    const member = await newMember();
    const alias = email();
    const added = await addAlias(member, alias);
    const code = await latestCode(alias.value);
    for (let i = 1; i <= maxCodeAttempts; i++) {
      expect(await rejection(completeAliasVerification(member, added.verificationId, wrong(code)))).toEqual({
        code: 'Forbidden',
        status: 403,
        field: 'code',
      });
    }
    expect(await rejection(completeAliasVerification(member, added.verificationId, code))).toMatchObject({
      code: 'Expired',
      field: 'code',
    });
    const row = await cloud.db.one<{ attempts: number }>(
      'select attempts from alias_verifications where verification_id = $1',
      [added.verificationId],
    );
    expect(row.attempts).toBe(maxCodeAttempts);
    expect(await rejection(resolveAlias(await asker(), alias))).toMatchObject({
      code: 'NotFound',
      status: 404,
    });

    // A new verification of the same directory entry (same salt) sends a new code that works.
    const again = await startAliasVerification(member, alias, added.salt);
    await completeAliasVerification(member, again.verificationId, await latestCode(alias.value));
    expect(await resolveAlias(await asker(), alias)).toBe(member.id);
  });

  it('refuses an expired code', async () => {
    const member = await newMember();
    const alias = email();
    const added = await addAlias(member, alias);
    const code = await latestCode(alias.value);
    cloud.clock.now += codeTtlMs + 1;
    expect(await rejection(completeAliasVerification(member, added.verificationId, code))).toMatchObject({
      code: 'Expired',
      field: 'code',
    });
    expect(await rejection(resolveAlias(await asker(), alias))).toMatchObject({ code: 'NotFound' });
  });

  it('accepts a code once: a second use fails, also when both race', async () => {
    const member = await newMember();
    const alias = email();
    const added = await addAlias(member, alias);
    const code = await latestCode(alias.value);
    const results = await Promise.allSettled([
      completeAliasVerification(member, added.verificationId, code),
      completeAliasVerification(member, added.verificationId, code),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    expect(isApiError(failed?.reason, 'Conflict')).toBe(true);
    expect(await rejection(completeAliasVerification(member, added.verificationId, code))).toMatchObject({
      code: 'Conflict',
      status: 409,
    });
  });

  it('never resolves an unverified alias, and answers it exactly like an unknown one', async () => {
    const member = await newMember();
    const pending = email();
    await addAlias(member, pending);
    const unknown = email();
    const a = await resolveRaw(`type=EMAIL&value=${encodeURIComponent(pending.value)}`);
    const b = await resolveRaw(`type=EMAIL&value=${encodeURIComponent(unknown.value)}`);
    const [pa, pb] = [await problemOf(a), await problemOf(b)];
    expect(pa).toMatchObject({ status: 404, code: 'NotFound' });
    expect(pa.detail).toBe(pb.detail);
    expect(pa.status).toBe(pb.status);
  });

  it("refuses to verify an email another member has verified, and a race's second completion", async () => {
    const alice = await newMember();
    const mallory = await newMember();
    const alias = email();
    // Both start before either completes: the second to complete loses.
    const forAlice = await addAlias(alice, alias);
    const aliceCode = await latestCode(alias.value);
    const forMallory = await addAlias(mallory, alias);
    const malloryCode = await latestCode(alias.value);
    await completeAliasVerification(alice, forAlice.verificationId, aliceCode);
    expect(
      await rejection(completeAliasVerification(mallory, forMallory.verificationId, malloryCode)),
    ).toMatchObject({
      code: 'Conflict',
      field: 'alias.value',
    });
    // Once verified, another member cannot even start.
    expect(await rejection(startAliasVerification(mallory, alias, forMallory.salt))).toMatchObject({
      code: 'Conflict',
      status: 409,
    });
    expect(await resolveAlias(await asker(), alias)).toBe(alice.id);
  });

  it('stops resolving once the member removes the alias from its directory; then another member may claim it', async () => {
    const alice = await newMember();
    const alias = email();
    const added = await verified(alice, alias);
    expect(await resolveAlias(await asker(), alias)).toBe(alice.id);
    await removeAlias(alice, alias, added.salt);
    expect(await rejection(resolveAlias(await asker(), alias))).toMatchObject({ code: 'NotFound' });

    const bob = await newMember();
    await verified(bob, alias);
    expect(await resolveAlias(await asker(), alias)).toBe(bob.id);
  });

  it('refuses to start a verification for an alias not in the directory under that salt', async () => {
    const member = await newMember();
    const alias = email();
    const added = await addAlias(member, alias);
    // Another salt: the first character changed (to one it is not: a fixed 'x' matched 1 run in 64).
    const otherSalt = `${added.salt.startsWith('x') ? 'y' : 'x'}${added.salt.slice(1)}`;
    expect(await rejection(startAliasVerification(member, alias, otherSalt))).toMatchObject({
      code: 'Conflict',
      field: 'alias',
    });
    expect(await rejection(startAliasVerification(member, email(), added.salt))).toMatchObject({
      code: 'Conflict',
      field: 'alias',
    });
  });

  it("refuses a verification completed by a member that didn't start it", async () => {
    const alice = await newMember();
    const mallory = await newMember();
    const alias = email();
    const added = await addAlias(alice, alias);
    const code = await latestCode(alias.value);
    expect(await rejection(completeAliasVerification(mallory, added.verificationId, code))).toMatchObject({
      code: 'NotFound',
      status: 404,
    });
    await completeAliasVerification(alice, added.verificationId, code);
  });

  it('keeps no address in the clear in the resolution index', async () => {
    const member = await newMember();
    const alias = email();
    await verified(member, alias);
    const columns = await cloud.db.query<{ column_name: string }>(
      "select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'aliases'",
    );
    expect(columns.length).toBeGreaterThan(3);
    const select = columns.map((c) => `"${c.column_name}"::text`).join(" || ' ' || ");
    const rows = await cloud.db.query<{ all: string }>(`select ${select} as all from aliases`);
    expect(rows.length).toBeGreaterThan(0);
    const dump = rows.map((r) => r.all).join('\n');
    // bytea reads as hex text, so look for the hex form too.
    const hex = Buffer.from(alias.value).toString('hex');
    const local = alias.value.split('@')[0] ?? '';
    for (const needle of [alias.value, local, hex, Buffer.from(local).toString('hex')])
      expect(dump.toLowerCase()).not.toContain(needle.toLowerCase());
  });

  it('answers malformed input with problem+json naming the field', async () => {
    const member = await newMember();
    const privileged = await member.signerFor('PRIVILEGED');
    const path = '/api/v1/aliases/verifications';
    const salt = 'AAAAAAAAAAAAAAAAAAAAAA';
    const badEmail = await buildSigned(
      cloud,
      'POST',
      path,
      { alias: { type: 'EMAIL', value: 'not-an-email' }, salt },
      privileged,
    );
    expect(await problemOf(await send(cloud, badEmail))).toMatchObject({
      status: 400,
      code: 'Malformed',
      field: 'alias.value',
    });
    const badType = await buildSigned(
      cloud,
      'POST',
      path,
      { alias: { type: 'FAX', value: '+441234567' }, salt },
      privileged,
    );
    expect(await problemOf(await send(cloud, badType))).toMatchObject({
      status: 400,
      code: 'Malformed',
      field: 'alias.type',
    });
    const noSalt = await buildSigned(
      cloud,
      'POST',
      path,
      { alias: { type: 'EMAIL', value: 'a@example.com' } },
      privileged,
    );
    expect(await problemOf(await send(cloud, noSalt))).toMatchObject({
      status: 400,
      code: 'Malformed',
      field: 'salt',
    });
    const badCode = await buildSigned(
      cloud,
      'POST',
      `${path}/AAAAAAAAAAAAAAAAAAAAAA/complete`,
      { code: '12ab56' },
      privileged,
    );
    expect(await problemOf(await send(cloud, badCode))).toMatchObject({
      status: 400,
      code: 'Malformed',
      field: 'code',
    });

    const resolveBad = await resolveRaw('type=EMAIL&value=nope');
    expect(await problemOf(resolveBad)).toMatchObject({ status: 400, code: 'Malformed', field: 'value' });
    const resolveType = await resolveRaw('type=FAX&value=nope');
    expect(await problemOf(resolveType)).toMatchObject({ status: 400, code: 'Malformed', field: 'type' });
    // The SDK checks too, before anything reaches the append-only log.
    const before = (await member.state()).seq;
    await expect(addAlias(member, { type: 'EMAIL', value: 'nope' })).rejects.toMatchObject({
      code: 'Malformed',
      field: 'value',
    });
    expect((await member.state()).seq).toBe(before);
  });
});

describe('DOMAIN aliases', () => {
  let server: ReturnType<typeof serve>;
  let port = 0;
  /** What the member's site serves at /.well-known/tokenos-member; each step sets it. */
  let served: unknown = {};
  let redirectTo: string | undefined;

  beforeAll(async () => {
    const site = new Hono();
    site.get('/.well-known/tokenos-member', (c) =>
      redirectTo ? c.redirect(redirectTo, 302) : c.json(served),
    );
    site.get('/moved/proof.json', (c) => c.json(served));
    await new Promise<void>((resolve) => {
      server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  });

  it('verifies a domain only when it serves this member id and token from its own origin', async () => {
    const member = await newMember();
    const domain: AliasValue = { type: 'DOMAIN', value: `localhost:${port}` };
    const added = await addAlias(member, domain);
    // Development: plain http, for localhost only.
    expect(added.domain?.url).toBe(`http://localhost:${port}/.well-known/tokenos-member`);
    const document = added.domain?.document;
    if (!document) throw new Error('expected a DOMAIN document');
    expect(document.memberId).toBe(member.id);

    const flipped = `${document.token.slice(0, -1)}${document.token.endsWith('A') ? 'B' : 'A'}`;
    served = { ...document, token: flipped };
    expect(await rejection(completeAliasVerification(member, added.verificationId))).toMatchObject({
      code: 'Forbidden',
      field: 'alias.value',
    });
    served = { ...document, memberId: (await newMember()).id };
    expect(await rejection(completeAliasVerification(member, added.verificationId))).toMatchObject({
      code: 'Forbidden',
      field: 'alias.value',
    });
    // The right document, but behind a redirect to another host (127.0.0.1 is the same server, a different origin).
    served = document;
    redirectTo = `http://127.0.0.1:${port}/moved/proof.json`;
    expect(await rejection(completeAliasVerification(member, added.verificationId))).toMatchObject({
      code: 'Forbidden',
      field: 'alias.value',
    });
    expect(await rejection(resolveAlias(await asker(), domain))).toMatchObject({ code: 'NotFound' });

    // A redirect within the same origin is followed.
    redirectTo = '/moved/proof.json';
    await completeAliasVerification(member, added.verificationId);
    expect(await resolveAlias(await asker(), domain)).toBe(member.id);
    // The host is kept only while the check is pending.
    const row = await cloud.db.one<{ domain_host: string | null; attempts: number }>(
      'select domain_host, attempts from alias_verifications where verification_id = $1',
      [added.verificationId],
    );
    expect(row).toEqual({ domain_host: null, attempts: 4 });

    const other = await newMember();
    expect(await rejection(addAlias(other, domain))).toMatchObject({
      code: 'Conflict',
      field: 'alias.value',
    });
  });

  it('refuses a code for a DOMAIN alias', async () => {
    const member = await newMember();
    const added = await addAlias(member, { type: 'DOMAIN', value: 'localhost:1' });
    expect(await rejection(completeAliasVerification(member, added.verificationId, '123456'))).toMatchObject({
      code: 'Malformed',
      field: 'code',
    });
  });

  it('without DEV_LOCALHOST_DOMAINS: no localhost domains', async () => {
    const prod = createCloudApp({ ...cloud.deps, config: { ...cloud.deps.config, localhostDomains: false } });
    const client = new CloudClient({
      baseUrl: 'http://cloud.test',
      fetch: async (input, init) => prod.request(input instanceof URL ? input.href : input, init),
      now: () => cloud.clock.now,
    });
    const member = await Member.create(client, new MemoryKeyStore());
    expect(await rejection(addAlias(member, { type: 'DOMAIN', value: 'localhost' }))).toMatchObject({
      code: 'Forbidden',
      field: 'alias.value',
    });
  });
});

describe('resolving is not an enumeration oracle (issue 13 item 5)', () => {
  it('refuses an unsigned resolution', async () => {
    const res = await cloud.app.request(
      `http://cloud.test/api/v1/aliases/resolve?type=EMAIL&value=${encodeURIComponent(email().value)}`,
    );
    expect(await problemOf(res)).toMatchObject({ status: 401 });
  });

  it('stops one member guessing addresses with 429 and Retry-After, long before 120 guesses', async () => {
    const guesser = await newMember();
    let refused: Response | undefined;
    let answered = 0;
    for (let i = 0; i < 120 && !refused; i++) {
      const res = await resolveRaw(`type=EMAIL&value=${encodeURIComponent(email().value)}`, guesser);
      if (res.status === 429) refused = res;
      else {
        expect(res.status).toBe(404);
        answered++;
      }
    }
    expect(refused, 'no 429 in 120 guesses').toBeDefined();
    expect(answered).toBe(resolveLimits.perMember.max);
    const problem = await problemOf(refused as Response);
    expect(problem).toMatchObject({ status: 429, code: 'TooManyRequests' });
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another member is not held back by this one's guesses.
    expect((await resolveRaw(`type=EMAIL&value=${encodeURIComponent(email().value)}`)).status).toBe(404);
  });

  it('limits one address across members, so members cannot pool their budgets against it', async () => {
    const target = email();
    const statuses: number[] = [];
    for (let i = 0; i <= resolveLimits.perAlias.max; i++) {
      const res = await resolveRaw(`type=EMAIL&value=${encodeURIComponent(target.value)}`, await newMember());
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, -1).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // The budget is per window: after it, the address answers again.
    cloud.clock.now += resolveLimits.perAlias.windowMs;
    expect((await resolveRaw(`type=EMAIL&value=${encodeURIComponent(target.value)}`)).status).toBe(404);
  });
});
