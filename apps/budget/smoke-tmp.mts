import { scaChallenge } from '@tokenos/protocol';
import { CloudClient, Member, MemoryKeyStore, getTokenRequest, accessTokenPayload, createToken, endorsementFor, endorseToken, answerTokenRequest, registerPasskey, passkeyAssertionFromJSON, cancelToken } from '@tokenos/sdk';
import { finishAccountLink, verifyAccountLink } from '@tokenos/sdk/bank';
import { SoftAuthenticator } from '../cloud/test/soft-authenticator.ts';
const cloud = 'http://localhost:14000', iron = 'http://localhost:14100', app = 'http://localhost:15175', wallet = 'http://localhost:15173';
const client = new CloudClient({ baseUrl: cloud });
const alice = await Member.create(client, new MemoryKeyStore());
const auth = new SoftAuthenticator(wallet);
const { passkey } = await registerPasskey(alice, (o) => auth.create(o));
const params = { member: alice.id, return: `${wallet}/banks/linked`, state: 'st' };
await (await fetch(`${iron}/link?${new URLSearchParams(params)}`)).text();
const page = await (await fetch(`${iron}/link/login`, { method: 'POST', body: new URLSearchParams({ ...params, username: 'alice', password: 'alice-password' }) })).text();
const session = /name="session" value="([^"]+)"/.exec(page)![1]!;
const form = new URLSearchParams({ session, decision: 'allow' });
for (const name of ['Current account', 'Savings']) form.append('account', new RegExp(`value="([0-9]+)"> <strong>${name}</strong>`).exec(page)![1]!);
const conf = await fetch(`${iron}/link/confirm`, { method: 'POST', body: form, redirect: 'manual' });
const link = await verifyAccountLink(client, new URL(conf.headers.get('location')!).searchParams.get('link'), { memberId: alice.id });
await finishAccountLink({ bankUrl: iron, link, member: alice });
let cookie = '';
const req = async (path: string, init: RequestInit = {}) => {
  const h = new Headers(init.headers); if (cookie) h.set('cookie', cookie); h.set('origin', app);
  const r = await fetch(app + path, { ...init, headers: h, redirect: 'manual' });
  const sc = r.headers.get('set-cookie'); if (sc) cookie = sc.split(';')[0]!; return r;
};
const { requestId } = await (await req('/api/connect', { method: 'POST' })).json() as { requestId: string };
const view = await getTokenRequest(client, requestId);
const payload = accessTokenPayload(alice, { grantee: view.request.signer.memberId, requestId, expiresInMs: 90 * 86400_000,
  resources: link.accounts.map((a) => ({ type: 'account' as const, account: { bankId: link.bankId, accountRef: a.accountRef }, scopes: ['details', 'balances', 'transactions'] as ('details' | 'balances' | 'transactions')[] })) });
const created = await createToken(alice, payload);
const json = await auth.get({ credentialId: passkey.credentialId, challenge: scaChallenge(created.id) });
await endorseToken(alice, created.id, await endorsementFor(alice, created.id, 'STANDARD', { method: 'passkey', assertion: passkeyAssertionFromJSON(json) }));
const result = await answerTokenRequest(alice, requestId, { tokenId: created.id });
const done = await req('/api/connect/complete', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ result }) });
console.log('complete', done.status, await done.text());
const dash = await (await req('/')).text();
console.log(dash.slice(dash.indexOf('<main'), dash.indexOf('</main>')));
if (process.env.REVOKE) { await cancelToken(alice, created.id); const after = await (await req('/')).text(); console.log('after revoke', /<h1>([^<]+)</.exec(after)?.[1]); }
