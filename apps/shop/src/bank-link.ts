import type { AccountRef } from '@tokenos/protocol';
import type { Member } from '@tokenos/sdk';
import { finishAccountLink, verifyAccountLink } from '@tokenos/sdk/bank';

export interface BankSignIn {
  url: string;
  username: string;
  password: string;
  accountName: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function expectStatus(res: Response, status: number, step: string): Promise<string> {
  const text = await res.text();
  if (res.status !== status)
    throw new Error(`${step}: the bank answered ${res.status}: ${text.slice(0, 200)}`);
  return text;
}

/**
 * Links the shop's merchant account to its member, the way the shop's operator would in a browser:
 * the bank's consent page (sign in, tick the account, allow), whose answer is a bank-signed
 * AccountLink, verified against the bank's directory log and finished with the shop's own key.
 *
 * The demo bank returns the consent only to a wallet origin, so the redirect it answers with is
 * read, not followed. A production bank would offer merchant onboarding of its own.
 */
export async function linkMerchantAccount(args: {
  bank: BankSignIn;
  member: Member;
  walletOrigin: string;
  fetch?: typeof fetch;
}): Promise<AccountRef> {
  const doFetch = args.fetch ?? globalThis.fetch;
  const { bank, member } = args;
  const state = 'merchant-onboarding';
  const params = { member: member.id, return: `${args.walletOrigin}/banks/linked`, state };
  await expectStatus(await doFetch(`${bank.url}/link?${new URLSearchParams(params)}`), 200, 'GET /link');
  const login = await doFetch(`${bank.url}/link/login`, {
    method: 'POST',
    body: new URLSearchParams({ ...params, username: bank.username, password: bank.password }),
    redirect: 'manual',
  });
  await expectStatus(login, 303, 'POST /link/login');
  // Post/redirect/get, as a browser follows it: the account choice, with the session cookie it set.
  const chooser = await expectStatus(
    await doFetch(new URL(login.headers.get('location') ?? '', bank.url), {
      headers: { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' },
    }),
    200,
    'GET /link/accounts',
  );
  const session = /name="session" value="([^"]+)"/.exec(chooser)?.[1];
  const account = new RegExp(`value="([0-9]+)"> <strong>${escapeRegExp(bank.accountName)}</strong>`).exec(
    chooser,
  )?.[1];
  if (!session || !account)
    throw new Error(`the bank's consent page offers no account named ${bank.accountName}`);
  const confirm = await doFetch(`${bank.url}/link/confirm`, {
    method: 'POST',
    body: new URLSearchParams({ session, decision: 'allow', account }),
    redirect: 'manual',
  });
  await expectStatus(confirm, 303, 'POST /link/confirm');
  const location = new URL(confirm.headers.get('location') ?? '', bank.url);
  const link = await verifyAccountLink(member.client, location.searchParams.get('link'), {
    memberId: member.id,
  });
  await finishAccountLink({ bankUrl: bank.url, link, member, ...(args.fetch ? { fetch: args.fetch } : {}) });
  const linked = link.accounts.find((a) => a.name === bank.accountName) ?? link.accounts[0];
  if (!linked) throw new Error('the account link names no account');
  return { bankId: link.bankId, accountRef: linked.accountRef };
}
