import type { AccountBalance, LinkedAccount, TransactionsPage } from '@tokenos/protocol';
import type { Member } from './member.ts';

/**
 * Account-information reads by a grantee through the cloud, within a live access token. The
 * bank re-checks the grant; a revoked or expired grant fails at once.
 */
export async function readAccounts(grantee: Member, tokenId: string): Promise<LinkedAccount[]> {
  const res = await grantee.client.send<{ accounts: LinkedAccount[] }>(
    'GET',
    `/api/v1/access/${tokenId}/accounts`,
    undefined,
    await grantee.signerFor('LOW'),
  );
  return res.accounts;
}

export async function readBalance(
  grantee: Member,
  tokenId: string,
  accountRef: string,
): Promise<AccountBalance> {
  return grantee.client.send<AccountBalance>(
    'GET',
    `/api/v1/access/${tokenId}/accounts/${accountRef}/balance`,
    undefined,
    await grantee.signerFor('LOW'),
  );
}

export async function readTransactions(
  grantee: Member,
  tokenId: string,
  accountRef: string,
  cursor?: string,
): Promise<TransactionsPage> {
  const qs = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return grantee.client.send<TransactionsPage>(
    'GET',
    `/api/v1/access/${tokenId}/accounts/${accountRef}/transactions${qs}`,
    undefined,
    await grantee.signerFor('LOW'),
  );
}
