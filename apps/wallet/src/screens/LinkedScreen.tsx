import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MessageKey } from '@tokenos/i18n';
import type { AccountLink } from '@tokenos/protocol';
import { finishAccountLink, verifyAccountLink } from '@tokenos/sdk/bank';
import { useEffect, useState } from 'react';
import type { BankOption } from '../bank-config.ts';
import { Link } from '../components/Link.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useT } from '../i18n/use-t.ts';
import { routes, safeNextPath } from '../routes.ts';
import { cloudClient, memberFor } from '../wallet/member.ts';
import { loadBanks } from '../wallet/queries.ts';
import { useReadyWallet } from '../wallet/WalletProvider.tsx';
import { saveLink, takePendingLink } from '../wallet/wallet-db.ts';
import { linkedMessages } from './LinkedScreen.messages.ts';

type LinkedKey = MessageKey<typeof linkedMessages>;

class LinkProblem extends Error {
  readonly kind: 'no-state' | 'unknown-state' | 'cancelled' | 'unknown-bank';
  constructor(kind: LinkProblem['kind']) {
    super(kind);
    this.name = 'LinkProblem';
    this.kind = kind;
  }
}

/** The bank's signed-request API through this origin's /banks/<id> relay (the CSP allows 'self' only). */
function relayFetch(bank: BankOption): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return fetch(`/banks/${bank.id}${url.pathname}${url.search}`, init);
  };
}

interface Linked {
  bankName: string;
  accounts: AccountLink['accounts'];
  next?: string;
}

// A state is spent on first use; React's strict mode runs effects twice, so both runs share one attempt.
const attempts = new Map<string, Promise<Linked>>();

async function completeLink(memberId: string, params: URLSearchParams): Promise<Linked> {
  const state = params.get('state');
  if (!state) throw new LinkProblem('no-state');
  const pending = await takePendingLink(state);
  if (!pending) throw new LinkProblem('unknown-state');
  if (params.get('error')) throw new LinkProblem('cancelled');
  const bank = (await loadBanks()).find((b) => b.id === pending.bankKey);
  if (!bank) throw new LinkProblem('unknown-bank');
  // The bank's signature, its directory log, the member and freshness, before anything is shown.
  const link = await verifyAccountLink(cloudClient(), params.get('link'), { memberId });
  const member = memberFor(memberId);
  const finished = await finishAccountLink({ bankUrl: bank.url, link, member, fetch: relayFetch(bank) });
  await saveLink({
    bankId: link.bankId,
    bankKey: bank.id,
    bankName: bank.name,
    accounts: link.accounts.filter((a) => finished.accounts.some((f) => f.accountRef === a.accountRef)),
    linkedAt: Date.now(),
  });
  const next = safeNextPath(pending.next);
  return { bankName: bank.name, accounts: link.accounts, ...(next ? { next } : {}) };
}

const problems = {
  'no-state': { title: 'noStateTitle', text: 'noStateText' },
  'unknown-state': { title: 'unknownStateTitle', text: 'unknownStateText' },
  cancelled: { title: 'cancelledTitle', text: 'cancelledText' },
  'unknown-bank': { title: 'unknownBankTitle', text: 'unknownBankText' },
} as const satisfies Record<LinkProblem['kind'], { title: LinkedKey; text: LinkedKey }>;

/** Where the bank's consent page sends the user back: `?link=<base64url AccountLink>&state=` or `?error=`. */
export function LinkedScreen({ searchParams }: { searchParams: URLSearchParams }) {
  const { wallet } = useReadyWallet();
  const queryClient = useQueryClient();
  const t = useT(linkedMessages);
  // Read once: the address bar is cleaned below, and the screen must not start over when it is.
  const [params] = useState(searchParams);
  const key = params.get('state') ?? '';
  const result = useQuery({
    queryKey: ['link-result', key],
    queryFn: () => {
      let attempt = attempts.get(key);
      if (!attempt) {
        attempt = completeLink(wallet.memberId, params);
        attempts.set(key, attempt);
      }
      return attempt;
    },
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });

  useEffect(() => {
    if (!result.isSuccess) return;
    void queryClient.invalidateQueries({ queryKey: ['links'] });
    // The link is spent: keep it out of the address bar and the history.
    window.history.replaceState(null, '', routes.linked);
  }, [result.isSuccess, queryClient]);

  if (result.isPending)
    return (
      <Screen title={t('linking')} className="linked">
        <Loading>{t('checking')}</Loading>
      </Screen>
    );
  if (result.isError) {
    const problem = result.error instanceof LinkProblem ? problems[result.error.kind] : undefined;
    return (
      <Screen title={t(problem?.title ?? 'failedTitle')} className="linked" focusHeading>
        {problem ? <p className="lede">{t(problem.text)}</p> : <ErrorNotice error={result.error} />}
        {problem ? null : <p>{t('failedText')}</p>}
        <p className="actions">
          <Link to={routes.link} className="button button-primary">
            {t('chooseBank')}
          </Link>
          <Link to={routes.home} className="button button-secondary">
            {t('backToAccounts')}
          </Link>
        </p>
      </Screen>
    );
  }
  const { bankName, accounts, next } = result.data;
  return (
    <Screen title={t('doneTitle', { bank: bankName })} className="linked" focusHeading>
      <p className="lede">{t('doneText', { count: accounts.length })}</p>
      <ul className="account-list">
        {accounts.map((a) => (
          <li key={a.accountRef} className="card account">
            <div className="account-head">
              <h2>{a.name}</h2>
              <span className="account-number">{a.maskedNumber}</span>
            </div>
            <p className="muted">{a.currency}</p>
          </li>
        ))}
      </ul>
      <p className="actions">
        <Link to={next ?? routes.home} className="button button-primary">
          {next ? t('continue') : t('toAccounts')}
        </Link>
      </p>
    </Screen>
  );
}
