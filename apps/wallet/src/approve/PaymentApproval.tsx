import type { MessageKey, Translator } from '@tokenos/i18n';
import { parseAmount, requiredEndorsementLevel, type TokenRequest } from '@tokenos/protocol';
import { Fragment, type ReactNode, useRef, useState } from 'react';
import { accountKey } from '../components/AccountChoice.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { type Formatters, useFormat, useT } from '../i18n/use-t.ts';
import { useLocation } from '../router.ts';
import { usePersonalData } from '../wallet/personal-data.ts';
import { accountChoices, useLinks } from '../wallet/queries.ts';
import { NoAccountNotice, PayFromPicker, payingAccounts } from './account-picker.tsx';
import { approvePayment, type PaymentArgs } from './flows.ts';
import { paymentApprovalMessages } from './PaymentApproval.messages.ts';
import { PhoneCode } from './PhoneCode.tsx';
import { ApprovalActions, Finished, PhaseNotice, RequesterCard } from './parts.tsx';
import { LineItems, SelectedBalance } from './payment-parts.tsx';
import type { LoadedRequest } from './request.ts';
import { ShippingChoice } from './ShippingChoice.tsx';
import { defaultShipTo, parseAddedAddress, type ShipTo } from './ship-to.ts';
import { approvePaymentWithAddress } from './shipping-flow.ts';
import { useApproval } from './use-approval.ts';

type PaymentT = Translator<MessageKey<typeof paymentApprovalMessages>>;

/** Multi-use terms in words; a single payment needs none. */
function termsOf(body: TokenRequest['body'], t: PaymentT, fmt: Formatters): string[] {
  if (body.kind !== 'transfer' || !body.conditions) return [];
  const c = body.conditions;
  const money = (value: string) => fmt.money({ value, currency: c.currency });
  const terms: string[] = [];
  if (c.singleUse === false) terms.push(t('multiUse', { total: money(body.amount.value) }));
  if (c.maxRedemptions !== undefined) terms.push(t('maxCharges', { count: c.maxRedemptions }));
  if (c.maxPerTransaction !== undefined) terms.push(t('maxPerCharge', { money: money(c.maxPerTransaction) }));
  for (const p of c.periodicLimits ?? []) {
    if (p.maxAmount !== undefined)
      terms.push(t('maxPerPeriod', { money: money(p.maxAmount), period: p.period }));
    if (p.maxCount !== undefined) terms.push(t('maxCountPerPeriod', { count: p.maxCount, period: p.period }));
  }
  if (c.validUntil !== undefined) terms.push(t('until', { date: fmt.date(c.validUntil) }));
  return terms;
}

/**
 * Will the passkey be asked? Above the low-value limit always (PSD2 RTS Art. 11 and 16); below
 * it the cloud's exemption counters decide at the moment of paying, so the button promises nothing.
 */
export function asksPasskey(amount: { value: string; currency: string }): boolean {
  const attempt = {
    kind: 'transfer' as const,
    amount: parseAmount(amount.value, amount.currency),
    currency: amount.currency,
  };
  return requiredEndorsementLevel(attempt) !== 'LOW';
}

export function PaymentApproval({ loaded, nonce }: { loaded: LoadedRequest; nonce: string }) {
  const { member, phase, working, approve, refuse } = useApproval(loaded, nonce);
  const links = useLinks();
  const { request, domainVerified } = loaded;
  const body = request.body.kind === 'transfer' ? request.body : undefined;
  const [chosen, setChosen] = useState<string>();
  const made = useRef<{ tokenId: string; source: string }>(undefined);
  const shipping = request.body.kind === 'transfer' ? request.body.shippingAddress : undefined;
  const personal = usePersonalData(member, shipping !== undefined);
  const [shipTo, setShipTo] = useState<ShipTo>();
  const added = parseAddedAddress(useLocation().searchParams);
  const t = useT(paymentApprovalMessages);
  const fmt = useFormat();

  if (!body) return null;
  const amount = fmt.money(body.amount);
  const payee = request.requester.name;
  const accounts = accountChoices(links.data ?? []);
  const { usable, selected } = payingAccounts(accounts, body.amount.currency, chosen);
  const terms = termsOf(request.body, t, fmt);
  const addresses = personal.data?.addresses ?? [];
  // Physical goods ship somewhere: an address is chosen by default (the one just added for this
  // checkout, else the first); where sharing is optional the user can still pick "don't share".
  const shipChoice = shipTo ?? (shipping ? defaultShipTo(shipping, addresses, added) : undefined);
  const shipAddress = addresses.find((a) => a.id === shipChoice);
  const shipReady = shipping === undefined || shipChoice === 'none' || shipAddress !== undefined;

  if (phase.kind === 'done')
    return (
      <Finished outcome={phase.outcome} returned={phase.returned} requesterName={payee} kind="payment" />
    );

  if (links.isPending) return <Loading>{t('gettingAccounts')}</Loading>;
  if (links.isError) return <ErrorNotice error={links.error} onRetry={() => void links.refetch()} />;
  if (shipping && personal.isPending) return <Loading>{t('gettingAddresses')}</Loading>;
  if (shipping && personal.isError)
    return <ErrorNotice error={personal.error} onRetry={() => void personal.refetch()} />;

  const pay = () => {
    if (!selected) return;
    const source = { bankId: selected.bankId, accountRef: selected.accountRef };
    const key = accountKey(source);
    void approve('tokens', ({ passkeys, onStep }) => {
      const args: PaymentArgs = {
        member,
        requestId: loaded.id,
        request,
        source,
        passkeys: passkeys.map((p) => p.credentialId),
        // The browser's own payment dialog, where it has one, only for a payee whose domain the
        // cloud verified: that is the payee the cloud checks the dialog showed.
        spc:
          domainVerified && passkeys[0]
            ? {
                amount: body.amount,
                rpId: passkeys[0].rpId,
                payeeName: payee,
                payeeDomain: request.requester.domain,
                instrument: `${selected.bankName} · ${selected.name} ${selected.maskedNumber}`,
              }
            : undefined,
        tokenId: made.current?.source === key ? made.current.tokenId : undefined,
        onStep,
        onToken: (tokenId) => {
          made.current = { tokenId, source: key };
        },
      };
      return shipAddress
        ? approvePaymentWithAddress({ ...args, addressId: shipAddress.id })
        : approvePayment(args);
    });
  };

  return (
    <Screen title={t('title')} documentTitle={t('documentTitle', { payee })} className="approve">
      <RequesterCard request={request} domainVerified={domainVerified} label={t('payTo')} />
      <PhoneCode requestId={loaded.id} nonce={nonce} />
      <dl className="summary card">
        <div>
          <dt>{t('amount')}</dt>
          <dd className="amount">{amount}</dd>
        </div>
        <div>
          <dt>{t('for')}</dt>
          <dd>
            {body.description}
            {body.lineItems ? <LineItems items={body.lineItems} /> : null}
          </dd>
        </div>
        {terms.length ? (
          <div>
            <dt>{t('terms')}</dt>
            <dd>
              <ul className="plain-list">
                {terms.map((term) => (
                  <li key={term}>{term}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>

      {usable.length === 0 ? (
        <NoAccountNotice title={t('noAccountTitle')}>
          {accounts.length === 0 ? t('noAccounts') : t('wrongCurrency', { currency: body.amount.currency })}
        </NoAccountNotice>
      ) : (
        <>
          <PayFromPicker usable={usable} selected={selected} onChoose={setChosen} disabled={working} />
          {selected ? <SelectedBalance member={member} links={links.data ?? []} account={selected} /> : null}
        </>
      )}

      {shipping ? (
        <ShippingChoice
          requesterName={payee}
          requirement={shipping}
          addresses={addresses}
          value={shipChoice}
          onChange={setShipTo}
          disabled={working}
        />
      ) : null}

      <PhaseNotice
        phase={phase}
        bankName={selected?.bankName}
        onRetry={pay}
        confirming={
          <p className="confirming">
            {t
              .rich<ReactNode>('confirming', {
                amount,
                payee,
                domain: request.requester.domain,
                source: selected ? 'yes' : 'no',
                account: selected ? `${selected.name} ${selected.maskedNumber}` : '',
                ship: shipAddress ? 'yes' : 'no',
                city: shipAddress?.city ?? '',
                recipient: shipAddress?.recipient ?? '',
                strong: (chunks) => <strong>{chunks}</strong>,
              })
              .map((part, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed sentence
                <Fragment key={i}>{part}</Fragment>
              ))}
          </p>
        }
      />

      <ApprovalActions
        phase={phase}
        approve={{
          label: asksPasskey(body.amount) ? t('payWithPasskey', { amount }) : t('pay', { amount }),
          working: t('paying'),
        }}
        decline={t('decline')}
        onApprove={pay}
        onDecline={() => void refuse(made.current?.tokenId)}
        canApprove={selected !== undefined && shipReady}
      />
    </Screen>
  );
}
