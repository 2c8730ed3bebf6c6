import type { AccountTransaction, LinkedAccount } from '@tokenos/protocol';
import type { Member, TokenView } from '@tokenos/sdk';
import { paymentStatusWords, paymentTerms } from '../activity/payment-terms.ts';
import { isTransient } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { formatDate, formatDateTime, formatMoney } from '../format.ts';
import { routes } from '../routes.ts';
import { type BankAccount, useBankAccounts, useBankTransactions } from '../wallet/bank-reads.ts';
import { useMember } from '../wallet/member.ts';
import { useApps, useLinks, useTokens } from '../wallet/queries.ts';
import { isSetUp, useReadyWallet } from '../wallet/WalletProvider.tsx';
import type { AppRecord, BankLinkRecord } from '../wallet/wallet-db.ts';

/**
 * The wallet's home once it exists: the linked accounts as each bank's signed link names them,
 * with the balance and the newest transactions each bank reports to the member itself (signed
 * reads of its own accounts, refreshed while the screen is open).
 */
export function AccountsScreen() {
  const { wallet } = useReadyWallet();
  const links = useLinks();
  return (
    <Screen title="Your accounts" className="accounts">
      {isSetUp(wallet) ? null : (
        <div className="notice notice-warning">
          <p className="notice-title">Finish setting up</p>
          <p>Add a passkey so you can approve payments.</p>
          <p>
            <Link to={routes.setup} className="button button-primary">
              Continue setup
            </Link>
          </p>
        </div>
      )}
      {links.isPending ? (
        <Loading>Reading your linked accounts…</Loading>
      ) : links.isError ? (
        <ErrorNotice error={links.error} onRetry={() => void links.refetch()} />
      ) : links.data.length === 0 ? (
        <div className="empty card">
          <h2>No bank account linked yet</h2>
          <p>Link an account at your bank to pay from it. You sign in on your bank’s own page.</p>
          <p className="actions">
            <Link to={routes.link} className="button button-primary">
              Link a bank account
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
              Link another bank
            </Link>
            <Link to={routes.activity} className="button button-secondary">
              Payments made with this wallet
            </Link>
            <Link to={routes.profile} className="button button-secondary">
              Addresses and contact details
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
  if (!isTransient(error)) return <ErrorNotice error={error} onRetry={onRetry} />;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{bankName} did not answer</p>
      <p>Your accounts are fine; the wallet could not read them just now. Try again in a moment.</p>
      <p className="notice-actions">
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      </p>
    </div>
  );
}

function BankSection({ link }: { link: BankLinkRecord }) {
  const member = useMember();
  const accounts = useBankAccounts(member, link);
  const headingId = `bank-${link.bankId}`;
  return (
    <section className="bank" aria-labelledby={headingId}>
      <h2 id={headingId}>{link.bankName}</h2>
      <p className="muted">Linked on {formatDate(link.linkedAt)}</p>
      {accounts.isPending ? (
        <Loading>Asking {link.bankName} for your balances…</Loading>
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
  return (
    <li className="card account">
      <div className="account-head">
        <h3>{account.name}</h3>
        <span className="account-number">
          <span className="visually-hidden">Account number ending </span>
          {account.maskedNumber}
        </span>
      </div>
      {reported ? (
        <>
          <p className="account-balance">
            <span className="balance-label">Balance</span>{' '}
            <span className="amount">{formatMoney(reported.balance.booked)}</span>
          </p>
          {reported.balance.available.value !== reported.balance.booked.value ? (
            <p className="muted">Available to spend: {formatMoney(reported.balance.available)}</p>
          ) : null}
          <p className="muted">As of {formatDateTime(reported.balance.asOf)}</p>
          <RecentTransactions member={member} link={link} account={account} />
          <WalletPayments member={member} bankId={link.bankId} account={account} />
        </>
      ) : answered ? (
        <div className="notice notice-warning">
          <p className="notice-title">{link.bankName} no longer shows this account</p>
          <p>It may be closed, or the link was ended at the bank. Link it again to use it here.</p>
          <p>
            <Link to={routes.link} className="button button-secondary">
              Link it again
            </Link>
          </p>
        </div>
      ) : (
        <p className="muted">
          {account.currency} account at {link.bankName}.
        </p>
      )}
    </li>
  );
}

function TransactionRow({ t }: { t: AccountTransaction }) {
  const out = t.creditDebitIndicator === 'DBIT';
  return (
    <li className="row">
      <span className="row-main">
        <span>{t.description || (out ? 'Payment' : 'Money in')}</span>
        <span className="muted">{formatDateTime(t.bookedAt)}</span>
      </span>
      <span className="row-side">
        <span className={out ? 'amount-small' : 'amount-small amount-in'}>
          <span className="visually-hidden">{out ? 'Paid out ' : 'Paid in '}</span>
          <span aria-hidden="true">{out ? '−' : '+'}</span>
          {formatMoney(t.amount)}
        </span>
        {t.status === 'PDNG' ? <span className="muted">Pending</span> : null}
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
  const page = useBankTransactions(member, link, account.accountRef);
  const headingId = `recent-${account.accountRef}`;
  return (
    <div className="recent">
      <h4 id={headingId}>Recent transactions</h4>
      {page.isPending ? (
        <Loading>Reading recent transactions…</Loading>
      ) : page.isError ? (
        <BankProblem bankName={link.bankName} error={page.error} onRetry={() => void page.refetch()} />
      ) : page.data.transactions.length === 0 ? (
        <p className="muted">No transactions on this account yet. Payments in and out will show here.</p>
      ) : (
        <ul className="rows" aria-labelledby={headingId}>
          {page.data.transactions.map((t) => (
            <TransactionRow key={t.id} t={t} />
          ))}
        </ul>
      )}
    </div>
  );
}

function payeeName(token: TokenView, apps: readonly AppRecord[] | undefined): string {
  return apps?.find((a) => a.memberId === token.payload.to.memberId)?.name ?? 'A payee';
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
  const tokens = useTokens(member, 'transfer');
  const apps = useApps();
  const headingId = `approved-${account.accountRef}`;
  if (tokens.isPending) return <Loading>Reading payments approved with this wallet…</Loading>;
  if (tokens.isError) return <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />;
  const mine = tokens.data
    .filter(
      (t) =>
        t.payload.type === 'TransferToken' &&
        t.endorsement !== null &&
        t.payload.transfer.source.bankId === bankId &&
        t.payload.transfer.source.accountRef === account.accountRef,
    )
    .slice(0, 5);
  if (mine.length === 0) return null;
  return (
    <div className="recent">
      <h4 id={headingId}>Approved with this wallet</h4>
      <ul className="rows" aria-labelledby={headingId}>
        {mine.map((t) => {
          if (t.payload.type !== 'TransferToken') return null;
          // A standing authority is a limit, not money gone: "Up to €60.00 a month", "No limit".
          const terms = paymentTerms(t.payload);
          return (
            <li key={t.id} className="row">
              <span className="row-main">
                <span>{payeeName(t, apps.data)}</span>
                <span className="muted">
                  {t.payload.transfer.description} · {formatDateTime(t.createdAt)}
                </span>
              </span>
              <span className="row-side">
                <span className="amount-small">
                  {terms.kind === 'charge' ? `−${terms.headline}` : terms.headline}
                </span>
                <span className="muted">{paymentStatusWords(t.status, terms.kind)}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
