// Shared react-query hooks. Keys: ['links'], ['banks'], ['apps'], ['member-state', id],
// ['tokens', kind], ['transfers', tokenId], ['request', id].
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { type LinkedAccount, linkedAccountSchema } from '@tokenos/protocol';
import { getTokenRequest, listTokens, type Member, tokenTransfers } from '@tokenos/sdk';
import { type BankOption, defaultBanks, parseBankList, parseWalletConfig } from '../bank-config.ts';
import { cloudClient, memberFor } from './member.ts';
import { type AppRecord, type BankLinkRecord, loadApps, loadLinks } from './wallet-db.ts';

export interface AccountChoice extends LinkedAccount {
  bankId: string;
  bankName: string;
}

/** Linked banks, each account re-checked against the protocol schema (storage is outside input). */
export function useLinks() {
  return useQuery({
    queryKey: ['links'],
    queryFn: async (): Promise<BankLinkRecord[]> =>
      (await loadLinks()).map((link) => ({
        ...link,
        accounts: link.accounts.filter((a) => linkedAccountSchema.safeParse(a).success),
      })),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function accountChoices(links: readonly BankLinkRecord[]): AccountChoice[] {
  return links.flatMap((l) => l.accounts.map((a) => ({ ...a, bankId: l.bankId, bankName: l.bankName })));
}

/** The banks to offer: the server's /config.json, or the build's VITE_BANKS under `vite dev`. */
export async function loadBanks(): Promise<BankOption[]> {
  const res = await fetch('/config.json', { headers: { accept: 'application/json' } });
  if (res.ok && res.headers.get('content-type')?.includes('json'))
    return parseWalletConfig(await res.json()).banks;
  if (res.status === 404 || !res.headers.get('content-type')?.includes('json'))
    return parseBankList(import.meta.env.VITE_BANKS ?? defaultBanks);
  throw Object.assign(new Error(`GET /config.json answered ${res.status}`), { status: res.status });
}

export function useBanks() {
  return useQuery({ queryKey: ['banks'], queryFn: loadBanks, staleTime: 5 * 60_000 });
}

export function useApps() {
  return useQuery({ queryKey: ['apps'], queryFn: loadApps, staleTime: Number.POSITIVE_INFINITY });
}

export function useMemberState(member: Member) {
  return useQuery({ queryKey: ['member-state', member.id], queryFn: () => member.state() });
}

export function tokensQuery(member: Member, kind: 'transfer' | 'access') {
  return { queryKey: ['tokens', kind], queryFn: () => listTokens(member, { role: 'payer', kind }) };
}

export function useTokens(member: Member, kind: 'transfer' | 'access') {
  return useQuery(tokensQuery(member, kind));
}

/**
 * Reads what Activity shows before it is opened (the wallet just unlocked, the user reading another
 * screen), so Activity draws from the cache at once and refreshes behind it.
 */
export function prefetchActivity(queryClient: QueryClient, memberId: string): Promise<void> {
  return queryClient.prefetchQuery(tokensQuery(memberFor(memberId), 'transfer'));
}

export function useTransfers(member: Member, tokenId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['transfers', tokenId],
    queryFn: () => tokenTransfers(member, tokenId),
    enabled,
  });
}

/**
 * How a payee or grantee introduced itself: remembered when the user approved, else read from the
 * token request the token answered (a token made on another device).
 */
export function useCounterparty(
  memberId: string,
  requestId: string | null,
  apps: readonly AppRecord[] | undefined,
) {
  const known = apps?.find((a) => a.memberId === memberId);
  const request = useQuery({
    queryKey: ['request', requestId],
    queryFn: () => getTokenRequest(cloudClient(), requestId ?? ''),
    enabled: !known && requestId !== null && apps !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  if (known) return { name: known.name, domain: known.domain, domainVerified: known.domainVerified };
  const r = request.data;
  if (r)
    return {
      name: r.request.requester.name,
      domain: r.request.requester.domain,
      domainVerified: r.domainVerified,
    };
  return undefined;
}
