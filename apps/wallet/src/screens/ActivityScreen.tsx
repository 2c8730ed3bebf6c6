import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { cancelToken, listTokens, type TokenView, type TransferView } from '@tokenos/sdk';
import { useState } from 'react';
import { isStandingAuthority, paymentStatusWords, paymentTerms } from '../activity/payment-terms.ts';
import { Confirm } from '../components/Confirm.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { formatDateTime, formatMoney } from '../format.ts';
import { useMember } from '../wallet/member.ts';
import { useApps, useCounterparty, useTokens, useTransfers } from '../wallet/queries.ts';
import type { AppRecord } from '../wallet/wallet-db.ts';

const transferWords: Record<TransferView['status'], string> = {
  RCVD: 'Sent to your bank',
  ACTC: 'Being paid',
  ACSC: 'Paid',
  RJCT: 'Failed: your bank did not pay',
};

function isMultiUse(token: TokenView): boolean {
  return token.payload.type === 'TransferToken' && isStandingAuthority(token.payload);
}

/** Refunds paid to this wallet, by the payment they pay back. */
function useRefunds(member: ReturnType<typeof useMember>) {
  return useQuery({
    queryKey: ['tokens', 'refunds'],
    queryFn: async () => {
      const received = await listTokens(member, { role: 'payee', kind: 'transfer' });
      const byPayment = new Map<string, TokenView[]>();
      for (const t of received) {
        const of = t.payload.type === 'TransferToken' ? t.payload.transfer.refundOf : undefined;
        if (of !== undefined) byPayment.set(of, [...(byPayment.get(of) ?? []), t]);
      }
      return byPayment;
    },
  });
}

function scaWords(sca: string | null): string {
  if (sca === 'passkey') return 'Confirmed with your passkey';
  if (sca?.startsWith('exemption:')) return 'No passkey needed (small payment)';
  return 'Not confirmed';
}

export { prefetchActivity } from '../wallet/queries.ts';

/** Every payment this wallet approved, newest first, with the transfers made under each. */
export function ActivityScreen() {
  const member = useMember();
  const tokens = useTokens(member, 'transfer');
  const apps = useApps();
  const refunds = useRefunds(member);
  const endorsed = tokens.data?.filter((t) => t.endorsement !== null) ?? [];
  return (
    <Screen title="Activity" className="activity">
      <p className="lede">
        Payments you approved, what you allowed shops to charge later, and the money moved.
      </p>
      {tokens.isPending ? (
        <Loading>Reading your payments…</Loading>
      ) : tokens.isError ? (
        <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : endorsed.length === 0 ? (
        <div className="empty card">
          <h2>No payments yet</h2>
          <p>When you pay a shop with Token Wallet, the payment shows here.</p>
        </div>
      ) : (
        <ul className="token-list">
          {endorsed.map((t) => (
            <PaymentItem key={t.id} token={t} apps={apps.data} refunds={refunds.data?.get(t.id) ?? []} />
          ))}
        </ul>
      )}
    </Screen>
  );
}

function PaymentItem({
  token,
  apps,
  refunds,
}: {
  token: TokenView;
  apps: readonly AppRecord[] | undefined;
  refunds: readonly TokenView[];
}) {
  const member = useMember();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const payee = useCounterparty(token.payload.to.memberId, token.requestId, apps);
  const transfers = useTransfers(member, token.id, open);
  const cancel = useMutation({
    mutationFn: () => cancelToken(member, token.id),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  if (token.payload.type !== 'TransferToken') return null;
  const t = token.payload.transfer;
  const terms = paymentTerms(token.payload);
  const headingId = `payment-${token.id}`;
  const cancellable = token.status === 'valid' && isMultiUse(token);
  const refunded = refunds.filter((r) => r.status === 'valid' && r.payload.type === 'TransferToken');
  const status = refunded.length > 0 ? 'Refunded' : paymentStatusWords(token.status, terms.kind);
  const tone =
    refunded.length > 0 || token.status === 'valid'
      ? 'ok'
      : token.status === 'rejected' || token.status === 'received'
        ? 'warn'
        : 'neutral';
  return (
    <li className="card token" aria-labelledby={headingId}>
      <div className="token-head">
        <h2 id={headingId} className="token-title">
          {payee?.name ?? 'Payee'}
          {payee && payee.domain !== payee.name ? (
            <span className="muted token-domain"> · {payee.domain}</span>
          ) : null}
        </h2>
        <span className="amount-small">{terms.headline}</span>
      </div>
      <p className="token-meta">
        <span>{t.description}</span>
        <span className={`badge badge-${tone}`}>{status}</span>
      </p>
      {terms.details.length > 0 ? <p className="muted">Also {terms.details.join(', ')}</p> : null}
      {refunded.map((r) =>
        r.payload.type === 'TransferToken' ? (
          <p key={r.id} className="muted">
            Refunded {formatMoney(r.payload.transfer.amount)} on {formatDateTime(r.createdAt)}
          </p>
        ) : null,
      )}
      <p className="muted">
        {formatDateTime(token.createdAt)} · {scaWords(token.sca)}
        {terms.kind === 'limit' ? ' · the payee can charge it more than once' : ''}
      </p>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Money moved</summary>
        {!open ? null : transfers.isPending ? (
          <Loading>Reading transfers…</Loading>
        ) : transfers.isError ? (
          <ErrorNotice error={transfers.error} onRetry={() => void transfers.refetch()} />
        ) : transfers.data.length === 0 ? (
          <p className="muted">Nothing yet: the payee has not collected this payment.</p>
        ) : (
          <ul className="rows">
            {transfers.data.map((x) => (
              <li key={x.id} className="row">
                <span className="row-main">
                  <span>{transferWords[x.status]}</span>
                  <span className="muted">{formatDateTime(x.createdAt)}</span>
                </span>
                <span className="row-side amount-small">{formatMoney(x.amount)}</span>
              </li>
            ))}
          </ul>
        )}
      </details>
      {cancellable ? (
        <div className="token-actions">
          {cancel.isError ? <ErrorNotice error={cancel.error} /> : null}
          {confirming ? (
            <Confirm
              question={`Cancel this payment authorisation? ${payee?.name ?? 'The payee'} can no longer charge it. Money already moved stays moved.`}
              confirmLabel="Cancel authorisation"
              busyLabel="Cancelling…"
              busy={cancel.isPending}
              onConfirm={() => cancel.mutate()}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
              Cancel…
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
}
