import { useQueryClient } from '@tanstack/react-query';
import { base64url } from '@tokenos/protocol';
import { randomBytes } from '@tokenos/sdk';
import { useState } from 'react';
import { parseRequestId } from '../api.ts';
import { type LoadedRequest, loadTokenRequest, parseNonce } from '../approve/request.ts';
import { announceDetour } from '../approve/return.ts';
import type { BankOption } from '../bank-config.ts';
import { markDetour } from '../checkout-detour.ts';
import { Link } from '../components/Link.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useT } from '../i18n/use-t.ts';
import { routes } from '../routes.ts';
import { cloudClient } from '../wallet/member.ts';
import { useBanks, useLinks } from '../wallet/queries.ts';
import { useReadyWallet } from '../wallet/WalletProvider.tsx';
import { addPendingLink } from '../wallet/wallet-db.ts';
import { linkBankMessages } from './LinkBankScreen.messages.ts';

/** `<bank>/link?member=&return=&state=`: the bank's own consent page, on the bank's origin. */
export function consentUrl(bank: BankOption, memberId: string, walletOrigin: string, state: string): string {
  const url = new URL('/link', bank.url);
  url.searchParams.set('member', memberId);
  url.searchParams.set('return', `${walletOrigin}${routes.linked}`);
  url.searchParams.set('state', state);
  return url.href;
}

/** Pick a bank; the wallet remembers a fresh `state` and sends the user to the bank's consent page. */
export function LinkBankScreen({ next }: { next?: string | undefined }) {
  const { wallet } = useReadyWallet();
  const banks = useBanks();
  const links = useLinks();
  const [leaving, setLeaving] = useState<string>();
  const [error, setError] = useState<unknown>();
  const t = useT(linkBankMessages);

  const queryClient = useQueryClient();

  // Linking mid-checkout (`next` is the approval): the shop's page is told the popup comes back.
  const announceCheckoutDetour = async (): Promise<void> => {
    const params = next?.startsWith(`${routes.approve}?`)
      ? new URLSearchParams(next.slice(next.indexOf('?')))
      : undefined;
    const requestId = parseRequestId(params?.get('request') ?? null);
    const nonce = parseNonce(params?.get('nonce') ?? null);
    if (requestId === undefined || nonce === undefined) return;
    markDetour();
    if (!window.opener) return;
    try {
      // The approval page loaded (and checked) this request moments ago; the same query serves it.
      const loaded = await queryClient.fetchQuery<LoadedRequest>({
        queryKey: ['approve-request', requestId],
        queryFn: () => loadTokenRequest(cloudClient(), requestId),
        staleTime: Number.POSITIVE_INFINITY,
      });
      announceDetour(requestId, nonce, loaded.request);
    } catch {
      // Not told: the widget may then give up on the popup, but the payment itself is unaffected.
    }
  };

  const go = async (bank: BankOption) => {
    setLeaving(bank.id);
    setError(undefined);
    try {
      // RFC 6749 §10.12-style CSRF protection: the consent page must come back with this value.
      const state = base64url(randomBytes(32));
      await addPendingLink({ state, bankKey: bank.id, createdAt: Date.now(), ...(next ? { next } : {}) });
      await announceCheckoutDetour();
      window.location.assign(consentUrl(bank, wallet.memberId, window.location.origin, state));
    } catch (e) {
      setLeaving(undefined);
      setError(e);
    }
  };

  return (
    <Screen title={t('title')} className="link-bank">
      <p className="lede">{t('lede')}</p>
      {error ? <ErrorNotice error={error} /> : null}
      {banks.isPending ? (
        <Loading>{t('loading')}</Loading>
      ) : banks.isError ? (
        <ErrorNotice error={banks.error} onRetry={() => void banks.refetch()} />
      ) : banks.data.length === 0 ? (
        <div className="empty card">
          <h2>{t('noneTitle')}</h2>
          <p>{t('noneText')}</p>
        </div>
      ) : (
        <ul className="bank-list">
          {banks.data.map((bank) => {
            const linked = links.data?.find((l) => l.bankKey === bank.id);
            return (
              <li key={bank.id} className="card bank-option">
                <div>
                  <h2>{bank.name}</h2>
                  <p className="muted">
                    {linked ? t('linked', { count: linked.accounts.length }) : t('notLinked')}
                  </p>
                </div>
                <button
                  type="button"
                  className={linked ? 'button button-secondary' : 'button button-primary'}
                  onClick={() => void go(bank)}
                  disabled={leaving !== undefined}
                  aria-label={t(linked ? 'changeAt' : 'linkBank', { bank: bank.name })}
                >
                  {leaving === bank.id ? t('opening') : linked ? t('change') : t('link')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p className="actions">
        <Link to={next ?? routes.home} className="button button-secondary">
          {next ? t('back') : t('backToAccounts')}
        </Link>
      </p>
    </Screen>
  );
}
