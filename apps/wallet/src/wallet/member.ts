// The signed-in member for screens: one CloudClient through this origin's /api relay (RFC 9421
// signatures cover method, path, query and body, all of which the relay keeps), and the keys in
// IndexedDB. Only lazily loaded screens import this module, so the SDK stays out of the first load.
import { CloudClient, IndexedDbKeyStore, Member } from '@tokenos/sdk';
import { useMemo } from 'react';
import { useReadyWallet } from './WalletProvider.tsx';

/** The database the wallet's keys live in (an e2e test inspects it). */
export const keyDatabaseName = 'token-wallet-keys';

let client: CloudClient | undefined;
let keyStore: IndexedDbKeyStore | undefined;
let member: Member | undefined;

export function cloudClient(): CloudClient {
  client ??= new CloudClient({ baseUrl: window.location.origin });
  return client;
}

export function walletKeyStore(): IndexedDbKeyStore {
  keyStore ??= new IndexedDbKeyStore({ databaseName: keyDatabaseName });
  return keyStore;
}

export function memberFor(memberId: string): Member {
  if (member?.id !== memberId) member = new Member(memberId, cloudClient(), walletKeyStore());
  return member;
}

export function useMember(): Member {
  const { wallet } = useReadyWallet();
  return useMemo(() => memberFor(wallet.memberId), [wallet.memberId]);
}
