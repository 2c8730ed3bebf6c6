import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  cancelToken,
  type DeclinedTokenRequest,
  listDeclinedTokenRequests,
  listTokens,
  type TokenView,
} from '@tokenos/sdk';
import { useState } from 'react';
import { isStandingAuthority, paymentStatusWords, paymentTerms } from '../activity/payment-terms.ts';
import { Confirm } from '../components/Confirm.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { useFormat, useT } from '../i18n/use-t.ts';
import { useMember } from '../wallet/member.ts';
import { useApps, useCounterparty, useTokens, useTransfers } from '../wallet/queries.ts';
import type { AppRecord } from '../wallet/wallet-db.ts';
import { activityScreenMessages } from './ActivityScreen.messages.ts';

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

/**
 * The requests the member turned down, newest first. Under 'tokens' so that whatever refreshes the
 * payments (an approval, a cancel) refreshes these too.
 */
function useDeclined(member: ReturnType<typeof useMember>) {
  return useQuery({
    queryKey: ['tokens', 'declined-requests'],
    queryFn: () => listDeclinedTokenRequests(member),
  });
}

/** How a payment was confirmed: the message of that name. */
function scaKey(sca: string | null): 'scaPasskey' | 'scaExempt' | 'scaNone' {
  if (sca === 'passkey') return 'scaPasskey';
  if (sca?.startsWith('exemption:')) return 'scaExempt';
  return 'scaNone';
}

export { prefetchActivity } from '../wallet/queries.ts';

/** Every payment this wallet approved, newest first, with the transfers made under each. */
export function ActivityScreen() {
  const t = useT(activityScreenMessages);
  const member = useMember();
  const tokens = useTokens(member, 'transfer');
  const apps = useApps();
  const refunds = useRefunds(member);
  const declined = useDeclined(member);
  const endorsed = tokens.data?.filter((t) => t.endorsement !== null) ?? [];
  return (
    <Screen title={t('title')} className="activity">
      <p className="lede">{t('lede')}</p>
      {tokens.isPending ? (
        <Loading>{t('loading')}</Loading>
      ) : tokens.isError ? (
        <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : endorsed.length === 0 ? (
        <div className="empty card">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
        </div>
      ) : (
        <ul className="token-list">
          {endorsed.map((token) => (
            <PaymentItem
              key={token.id}
              token={token}
              apps={apps.data}
              refunds={refunds.data?.get(token.id) ?? []}
            />
          ))}
        </ul>
      )}
      {declined.isError ? (
        <ErrorNotice error={declined.error} onRetry={() => void declined.refetch()} />
      ) : declined.data && declined.data.length > 0 ? (
        <section aria-labelledby="declined-heading" className="section">
          <h2 id="declined-heading">{t('declinedTitle')}</h2>
          <ul className="rows">
            {declined.data.map((d) => (
              <DeclinedItem key={d.id} declined={d} />
            ))}
          </ul>
        </section>
      ) : null}
    </Screen>
  );
}

/** "You declined a payment of €12.50 to Demo Shop", and when. */
function DeclinedItem({ declined }: { declined: DeclinedTokenRequest }) {
  const t = useT(activityScreenMessages);
  const fmt = useFormat();
  const { body, requester } = declined.request;
  const payee = requester.name;
  return (
    <li className="row">
      <span className="row-main">
        <span>
          {body.kind === 'transfer'
            ? t('declinedPayment', { amount: fmt.money(body.amount), payee })
            : body.kind === 'access'
              ? t('declinedAccess', { payee })
              : t('declinedLimit', { payee })}
        </span>
        <span className="muted">{fmt.dateTime(declined.answeredAt)}</span>
      </span>
    </li>
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
  const t = useT(activityScreenMessages);
  const fmt = useFormat();
  const { locale, tag } = useLocale();
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
  const transfer = token.payload.transfer;
  const terms = paymentTerms(token.payload, locale, tag);
  const headingId = `payment-${token.id}`;
  const cancellable = token.status === 'valid' && isMultiUse(token);
  const refunded = refunds.filter((r) => r.status === 'valid' && r.payload.type === 'TransferToken');
  const status = refunded.length > 0 ? t('refunded') : paymentStatusWords(token.status, terms.kind, locale);
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
          {payee?.name ?? t('payee')}
          {payee && payee.domain !== payee.name ? (
            <span className="muted token-domain"> · {payee.domain}</span>
          ) : null}
        </h2>
        <span className="amount-small">{terms.headline}</span>
      </div>
      <p className="token-meta">
        <span>{transfer.description}</span>
        <span className={`badge badge-${tone}`}>{status}</span>
      </p>
      {terms.details.length > 0 ? (
        <p className="muted">{t('also', { details: terms.details.join(', ') })}</p>
      ) : null}
      {refunded.map((r) =>
        r.payload.type === 'TransferToken' ? (
          <p key={r.id} className="muted">
            {t('refundedOn', {
              amount: fmt.money(r.payload.transfer.amount),
              date: fmt.dateTime(r.createdAt),
            })}
          </p>
        ) : null,
      )}
      <p className="muted">
        {fmt.dateTime(token.createdAt)} · {t(scaKey(token.sca))}
        {terms.kind === 'limit' ? ` · ${t('moreThanOnce')}` : ''}
      </p>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('moneyMoved')}</summary>
        {!open ? null : transfers.isPending ? (
          <Loading>{t('loadingTransfers')}</Loading>
        ) : transfers.isError ? (
          <ErrorNotice error={transfers.error} onRetry={() => void transfers.refetch()} />
        ) : transfers.data.length === 0 ? (
          <p className="muted">{t('nothingYet')}</p>
        ) : (
          <ul className="rows">
            {transfers.data.map((x) => (
              <li key={x.id} className="row">
                <span className="row-main">
                  <span>{t(x.status)}</span>
                  <span className="muted">{fmt.dateTime(x.createdAt)}</span>
                </span>
                <span className="row-side amount-small">{fmt.money(x.amount)}</span>
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
              question={payee ? t('cancelQuestion', { payee: payee.name }) : t('cancelQuestionNoName')}
              confirmLabel={t('cancelAuth')}
              busyLabel={t('cancelling')}
              busy={cancel.isPending}
              onConfirm={() => cancel.mutate()}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
              {t('cancel')}
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
}
