import type { TokenView } from '@tokenos/sdk';
import { Link } from '../components/Link.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { formatDate, formatDateTime, formatMoney } from '../format.ts';
import { routes } from '../routes.ts';
import { useMember } from '../wallet/member.ts';
import { useApps, useLinks, useTokens } from '../wallet/queries.ts';
import { isSetUp, useReadyWallet } from '../wallet/WalletProvider.tsx';
import type { AppRecord, BankLinkRecord } from '../wallet/wallet-db.ts';

/**
 * The wallet's home once it exists: the linked accounts as each bank's signed link names them, and
 * the payments this wallet made from each. Balances: see RecentPayments below.
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
          </p>
        </>
      )}
    </Screen>
  );
}

function BankSection({ link }: { link: BankLinkRecord }) {
  const headingId = `bank-${link.bankId}`;
  return (
    <section className="bank" aria-labelledby={headingId}>
      <h2 id={headingId}>{link.bankName}</h2>
      <p className="muted">Linked on {formatDate(link.linkedAt)}</p>
      <ul className="account-list">
        {link.accounts.map((a) => (
          <li key={a.accountRef} className="card account">
            <div className="account-head">
              <h3>{a.name}</h3>
              <span className="account-number">
                <span className="visually-hidden">Account number ending </span>
                {a.maskedNumber}
              </span>
            </div>
            <p className="muted">
              {a.currency} account at {link.bankName}. Your balance is shown in {link.bankName}’s own app.
            </p>
            <RecentPayments bankId={link.bankId} accountRef={a.accountRef} accountName={a.name} />
          </li>
        ))}
      </ul>
    </section>
  );
}

const statusWords: Record<TokenView['status'], string> = {
  received: 'Waiting for the bank',
  valid: 'Approved',
  rejected: 'Refused by the bank',
  revokedByPsu: 'Cancelled by you',
  terminatedByTpp: 'Cancelled by the payee',
  replaced: 'Replaced',
  expired: 'Expired',
};

export function tokenStatusWords(status: TokenView['status']): string {
  return statusWords[status];
}

function payeeName(token: TokenView, apps: readonly AppRecord[] | undefined): string {
  return apps?.find((a) => a.memberId === token.payload.to.memberId)?.name ?? 'A payee';
}

/**
 * The payments this wallet approved from one account, newest first, from the cloud (signed reads
 * of the member's own tokens). The bank offers the wallet no member-signed read of balances or of
 * its ledger, and the cloud's account reads serve grantees only, so this is what the wallet can
 * truthfully show.
 */
function RecentPayments({
  bankId,
  accountRef,
  accountName,
}: {
  bankId: string;
  accountRef: string;
  accountName: string;
}) {
  const member = useMember();
  const tokens = useTokens(member, 'transfer');
  const apps = useApps();
  const headingId = `recent-${accountRef}`;
  if (tokens.isPending) return <Loading>Reading recent payments…</Loading>;
  if (tokens.isError) return <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />;
  const mine = tokens.data
    .filter(
      (t) =>
        t.payload.type === 'TransferToken' &&
        t.endorsement !== null &&
        t.payload.transfer.source.bankId === bankId &&
        t.payload.transfer.source.accountRef === accountRef,
    )
    .slice(0, 5);
  return (
    <div className="recent">
      <h4 id={headingId}>Recent payments from {accountName}</h4>
      {mine.length === 0 ? (
        <p className="muted">No payments from this account with Token Wallet yet.</p>
      ) : (
        <ul className="rows" aria-labelledby={headingId}>
          {mine.map((t) =>
            t.payload.type === 'TransferToken' ? (
              <li key={t.id} className="row">
                <span className="row-main">
                  <span>{payeeName(t, apps.data)}</span>
                  <span className="muted">
                    {t.payload.transfer.description} · {formatDateTime(t.createdAt)}
                  </span>
                </span>
                <span className="row-side">
                  <span className="amount-small">−{formatMoney(t.payload.transfer.amount)}</span>
                  <span className="muted">{statusWords[t.status]}</span>
                </span>
              </li>
            ) : null,
          )}
        </ul>
      )}
    </div>
  );
}
