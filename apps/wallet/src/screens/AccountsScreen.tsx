import type { AccountTransaction, LinkedAccount } from '@tokenos/protocol';
import type { Member, TokenView } from '@tokenos/sdk';
import { Fragment, type ReactNode } from 'react';
import { paymentStatusWords, paymentTerms } from '../activity/payment-terms.ts';
import { isTransient } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { useFormat, useT } from '../i18n/use-t.ts';
import { routes } from '../routes.ts';
import { type BankAccount, useBankAccounts, useBankTransactions } from '../wallet/bank-reads.ts';
import { useMember } from '../wallet/member.ts';
import { useApps, useLinks, useTokens } from '../wallet/queries.ts';
import { isSetUp, useReadyWallet } from '../wallet/WalletProvider.tsx';
import type { AppRecord, BankLinkRecord } from '../wallet/wallet-db.ts';
import { accountsScreenMessages } from './AccountsScreen.messages.ts';

/**
 * The wallet's home once it exists: the linked accounts as each bank's signed link names them,
 * with the balance and the newest transactions each bank reports to the member itself (signed
 * reads of its own accounts, refreshed while the screen is open).
 */
export function AccountsScreen() {
  const t = useT(accountsScreenMessages);
  const { wallet } = useReadyWallet();
  const links = useLinks();
  return (
    <Screen title={t('title')} className="accounts">
      {isSetUp(wallet) ? null : (
        <div className="notice notice-warning">
          <p className="notice-title">{t('finishTitle')}</p>
          <p>{t('finishBody')}</p>
          <p>
            <Link to={routes.setup} className="button button-primary">
              {t('continueSetup')}
            </Link>
          </p>
        </div>
      )}
      {links.isPending ? (
        <Loading>{t('loadingLinks')}</Loading>
      ) : links.isError ? (
        <ErrorNotice error={links.error} onRetry={() => void links.refetch()} />
      ) : links.data.length === 0 ? (
        <div className="empty card">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
          <p className="actions">
            <Link to={routes.link} className="button button-primary">
              {t('linkAccount')}
            </Link>
          </p>
        </div>
      ) : (
        <>
          {links.data.map((link) => (
            <BankSection key={link.bankId} link={link} />
          ))}
          <p className="actions">
            <Link to={routes.link} className="button button-secondary">
              {t('linkAnother')}
            </Link>
            <Link to={routes.activity} className="button button-secondary">
              {t('walletPayments')}
            </Link>
            <Link to={routes.profile} className="button button-secondary">
              {t('addresses')}
            </Link>
          </p>
        </>
      )}
    </Screen>
  );
}

/** A bank that did not answer, named, with the way out: asking again. Other failures in the usual words. */
function BankProblem({
  bankName,
  error,
  onRetry,
}: {
  bankName: string;
  error: unknown;
  onRetry: () => void;
}) {
  const t = useT(accountsScreenMessages);
  if (!isTransient(error)) return <ErrorNotice error={error} onRetry={onRetry} />;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{t('noAnswerTitle', { bank: bankName })}</p>
      <p>{t('noAnswerBody')}</p>
      <p className="notice-actions">
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('tryAgain')}
        </button>
      </p>
    </div>
  );
}

function BankSection({ link }: { link: BankLinkRecord }) {
  const t = useT(accountsScreenMessages);
  const fmt = useFormat();
  const member = useMember();
  const accounts = useBankAccounts(member, link);
  const headingId = `bank-${link.bankId}`;
  return (
    <section className="bank" aria-labelledby={headingId}>
      <h2 id={headingId}>{link.bankName}</h2>
      <p className="muted">{t('linkedOn', { date: fmt.date(link.linkedAt) })}</p>
      {accounts.isPending ? (
        <Loading>{t('askingBalances', { bank: link.bankName })}</Loading>
      ) : accounts.isError ? (
        <BankProblem
          bankName={link.bankName}
          error={accounts.error}
          onRetry={() => void accounts.refetch()}
        />
      ) : null}
      <ul className="account-list">
        {link.accounts.map((a) => (
          <AccountCard
            key={a.accountRef}
            member={member}
            link={link}
            account={a}
            reported={accounts.data?.find((b) => b.accountRef === a.accountRef)}
            answered={accounts.isSuccess}
          />
        ))}
      </ul>
    </section>
  );
}

function AccountCard({
  member,
  link,
  account,
  reported,
  answered,
}: {
  member: Member;
  link: BankLinkRecord;
  account: LinkedAccount;
  /** What the bank reports now, if it listed this account. */
  reported: BankAccount | undefined;
  /** The bank answered (so a missing account is really missing). */
  answered: boolean;
}) {
  const t = useT(accountsScreenMessages);
  const fmt = useFormat();
  return (
    <li className="card account">
      <div className="account-head">
        <h3>{account.name}</h3>
        <span className="account-number">
          {t
            .rich<ReactNode>('accountNumber', {
              number: account.maskedNumber,
              hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
            })
            .map((part, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence, in order
              <Fragment key={i}>{part}</Fragment>
            ))}
        </span>
      </div>
      {reported ? (
        <>
          <p className="account-balance">
            <span className="balance-label">{t('balance')}</span>{' '}
            <span className="amount">{fmt.money(reported.balance.booked)}</span>
          </p>
          {reported.balance.available.value !== reported.balance.booked.value ? (
            <p className="muted">{t('available', { amount: fmt.money(reported.balance.available) })}</p>
          ) : null}
          <p className="muted">{t('asOf', { date: fmt.dateTime(reported.balance.asOf) })}</p>
          <RecentTransactions member={member} link={link} account={account} />
          <WalletPayments member={member} bankId={link.bankId} account={account} />
        </>
      ) : answered ? (
        <div className="notice notice-warning">
          <p className="notice-title">{t('goneTitle', { bank: link.bankName })}</p>
          <p>{t('goneBody')}</p>
          <p>
            <Link to={routes.link} className="button button-secondary">
              {t('linkAgain')}
            </Link>
          </p>
        </div>
      ) : (
        <p className="muted">{t('accountAt', { currency: account.currency, bank: link.bankName })}</p>
      )}
    </li>
  );
}

function TransactionRow({ tx }: { tx: AccountTransaction }) {
  const t = useT(accountsScreenMessages);
  const fmt = useFormat();
  const out = tx.creditDebitIndicator === 'DBIT';
  return (
    <li className="row">
      <span className="row-main">
        <span>{tx.description || (out ? t('payment') : t('moneyIn'))}</span>
        <span className="muted">{fmt.dateTime(tx.bookedAt)}</span>
      </span>
      <span className="row-side">
        <span className={out ? 'amount-small' : 'amount-small amount-in'}>
          <span className="visually-hidden">{out ? t('paidOut') : t('paidIn')} </span>
          <span aria-hidden="true">{out ? '−' : '+'}</span>
          {fmt.money(tx.amount)}
        </span>
        {tx.status === 'PDNG' ? <span className="muted">{t('pending')}</span> : null}
      </span>
    </li>
  );
}

/** The account's newest entries as the bank booked them: every payment in and out, not only this wallet's. */
function RecentTransactions({
  member,
  link,
  account,
}: {
  member: Member;
  link: BankLinkRecord;
  account: LinkedAccount;
}) {
  const t = useT(accountsScreenMessages);
  const page = useBankTransactions(member, link, account.accountRef);
  const headingId = `recent-${account.accountRef}`;
  return (
    <div className="recent">
      <h4 id={headingId}>{t('recentTitle')}</h4>
      {page.isPending ? (
        <Loading>{t('loadingRecent')}</Loading>
      ) : page.isError ? (
        <BankProblem bankName={link.bankName} error={page.error} onRetry={() => void page.refetch()} />
      ) : page.data.transactions.length === 0 ? (
        <p className="muted">{t('noTransactions')}</p>
      ) : (
        <ul className="rows" aria-labelledby={headingId}>
          {page.data.transactions.map((tx) => (
            <TransactionRow key={tx.id} tx={tx} />
          ))}
        </ul>
      )}
    </div>
  );
}

function payeeName(token: TokenView, apps: readonly AppRecord[] | undefined): string | undefined {
  return apps?.find((a) => a.memberId === token.payload.to.memberId)?.name;
}

/**
 * What this wallet approved from the account, from the cloud (signed reads of the member's own
 * tokens): an authorisation shows here at once, and at the bank only once the payee charges it.
 * Nothing when there is none; the bank's list above covers an account's history.
 */
function WalletPayments({
  member,
  bankId,
  account,
}: {
  member: Member;
  bankId: string;
  account: LinkedAccount;
}) {
  const t = useT(accountsScreenMessages);
  const fmt = useFormat();
  const { locale, tag } = useLocale();
  const tokens = useTokens(member, 'transfer');
  const apps = useApps();
  const headingId = `approved-${account.accountRef}`;
  if (tokens.isPending) return <Loading>{t('loadingApproved')}</Loading>;
  if (tokens.isError) return <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />;
  const mine = tokens.data
    .filter(
      (token) =>
        token.payload.type === 'TransferToken' &&
        token.endorsement !== null &&
        token.payload.transfer.source.bankId === bankId &&
        token.payload.transfer.source.accountRef === account.accountRef,
    )
    .slice(0, 5);
  if (mine.length === 0) return null;
  return (
    <div className="recent">
      <h4 id={headingId}>{t('approvedTitle')}</h4>
      <ul className="rows" aria-labelledby={headingId}>
        {mine.map((token) => {
          if (token.payload.type !== 'TransferToken') return null;
          // A standing authority is a limit, not money gone: "Up to €60.00 a month", "No limit".
          const terms = paymentTerms(token.payload, locale, tag);
          return (
            <li key={token.id} className="row">
              <span className="row-main">
                <span>{payeeName(token, apps.data) ?? t('aPayee')}</span>
                <span className="muted">
                  {token.payload.transfer.description} · {fmt.dateTime(token.createdAt)}
                </span>
              </span>
              <span className="row-side">
                <span className={terms.kind === 'charge' ? 'amount-small' : 'amount-small amount-terms'}>
                  {terms.kind === 'charge' ? `−${terms.headline}` : terms.headline}
                </span>
                <span className="muted">{paymentStatusWords(token.status, terms.kind, locale)}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
