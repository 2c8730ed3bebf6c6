import { useMutation, useQueryClient } from '@tanstack/react-query';
import { cancelToken, type TokenView, type TransferView } from '@tokenos/sdk';
import { useState } from 'react';
import { Confirm } from '../components/Confirm.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { formatDateTime, formatMoney } from '../format.ts';
import { useMember } from '../wallet/member.ts';
import { useApps, useCounterparty, useTokens, useTransfers } from '../wallet/queries.ts';
import type { AppRecord } from '../wallet/wallet-db.ts';
import { tokenStatusWords } from './AccountsScreen.tsx';

const transferWords: Record<TransferView['status'], string> = {
  RCVD: 'Received by the bank',
  ACTC: 'Checked by the bank',
  ACSC: 'Paid',
  RJCT: 'Refused',
};

function isMultiUse(token: TokenView): boolean {
  return token.payload.type === 'TransferToken' && token.payload.conditions.singleUse !== true;
}

function scaWords(sca: string | null): string {
  if (sca === 'passkey') return 'Confirmed with your passkey';
  if (sca?.startsWith('exemption:')) return 'No passkey needed (small payment)';
  return 'Not confirmed';
}

/** Every payment this wallet approved, newest first, with the transfers made under each. */
export function ActivityScreen() {
  const member = useMember();
  const tokens = useTokens(member, 'transfer');
  const apps = useApps();
  const endorsed = tokens.data?.filter((t) => t.endorsement !== null) ?? [];
  return (
    <Screen title="Activity" className="activity">
      <p className="lede">Payments you approved, and the money each one moved.</p>
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
            <PaymentItem key={t.id} token={t} apps={apps.data} />
          ))}
        </ul>
      )}
    </Screen>
  );
}

function PaymentItem({ token, apps }: { token: TokenView; apps: readonly AppRecord[] | undefined }) {
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
  const headingId = `payment-${token.id}`;
  const cancellable = token.status === 'valid' && isMultiUse(token);
  return (
    <li className="card token" aria-labelledby={headingId}>
      <div className="token-head">
        <h2 id={headingId} className="token-title">
          {payee?.name ?? 'Payee'}
          {payee ? <span className="muted token-domain"> · {payee.domain}</span> : null}
        </h2>
        <span className="amount-small">{formatMoney(t.amount)}</span>
      </div>
      <p className="token-meta">
        <span>{t.description}</span>
        <span className={`badge badge-${token.status === 'valid' ? 'ok' : 'neutral'}`}>
          {tokenStatusWords(token.status)}
        </span>
      </p>
      <p className="muted">
        {formatDateTime(token.createdAt)} · {scaWords(token.sca)}
        {isMultiUse(token) ? ' · can be charged more than once' : ''}
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
