import { parseAmount, requiredEndorsementLevel, type TokenRequest } from '@tokenos/protocol';
import { useRef, useState } from 'react';
import { accountKey } from '../components/AccountChoice.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { formatMoney } from '../format.ts';
import { useLocation } from '../router.ts';
import { usePersonalData } from '../wallet/personal-data.ts';
import { accountChoices, useLinks } from '../wallet/queries.ts';
import { NoAccountNotice, PayFromPicker, payingAccounts } from './account-picker.tsx';
import { approvePayment, type PaymentArgs } from './flows.ts';
import { PhoneCode } from './PhoneCode.tsx';
import { ApprovalActions, Finished, PhaseNotice, RequesterCard } from './parts.tsx';
import { LineItems, SelectedBalance } from './payment-parts.tsx';
import type { LoadedRequest } from './request.ts';
import { ShippingChoice } from './ShippingChoice.tsx';
import { defaultShipTo, parseAddedAddress, type ShipTo } from './ship-to.ts';
import { approvePaymentWithAddress } from './shipping-flow.ts';
import { useApproval } from './use-approval.ts';

/** Multi-use terms in words; a single payment needs none. */
function termsOf(body: TokenRequest['body']): string[] {
  if (body.kind !== 'transfer' || !body.conditions) return [];
  const c = body.conditions;
  const money = (value: string) => formatMoney({ value, currency: c.currency });
  const terms: string[] = [];
  if (c.singleUse === false)
    terms.push(`It can be charged more than once, up to ${money(body.amount.value)} in total.`);
  if (c.maxRedemptions !== undefined) terms.push(`At most ${c.maxRedemptions} charges.`);
  if (c.maxPerTransaction !== undefined) terms.push(`At most ${money(c.maxPerTransaction)} per charge.`);
  for (const p of c.periodicLimits ?? []) {
    const per = p.period.toLowerCase();
    if (p.maxAmount !== undefined) terms.push(`At most ${money(p.maxAmount)} per ${per}.`);
    if (p.maxCount !== undefined) terms.push(`At most ${p.maxCount} charges per ${per}.`);
  }
  if (c.validUntil !== undefined) terms.push(`Until ${new Date(c.validUntil).toLocaleDateString()}.`);
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

  if (!body) return null;
  const amount = formatMoney(body.amount);
  const payee = request.requester.name;
  const accounts = accountChoices(links.data ?? []);
  const { usable, selected } = payingAccounts(accounts, body.amount.currency, chosen);
  const terms = termsOf(request.body);
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

  if (links.isPending) return <Loading>Getting your accounts…</Loading>;
  if (links.isError) return <ErrorNotice error={links.error} onRetry={() => void links.refetch()} />;
  if (shipping && personal.isPending) return <Loading>Getting your addresses…</Loading>;
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
    <Screen title="Approve payment" documentTitle={`Pay ${payee}`} className="approve">
      <RequesterCard request={request} domainVerified={domainVerified} label="Pay to" />
      <PhoneCode requestId={loaded.id} nonce={nonce} />
      <dl className="summary card">
        <div>
          <dt>Amount</dt>
          <dd className="amount">{amount}</dd>
        </div>
        <div>
          <dt>For</dt>
          <dd>
            {body.description}
            {body.lineItems ? <LineItems items={body.lineItems} /> : null}
          </dd>
        </div>
        {terms.length ? (
          <div>
            <dt>Terms</dt>
            <dd>
              <ul className="plain-list">
                {terms.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>

      {usable.length === 0 ? (
        <NoAccountNotice title="No account to pay from">
          {accounts.length === 0
            ? 'Link a bank account to pay from it.'
            : `None of your linked accounts is in ${body.amount.currency}. Link an account in ${body.amount.currency} to pay.`}
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
            Pay <strong>{amount}</strong> to <strong>{payee}</strong> ({request.requester.domain})
            {selected ? ` from ${selected.name} ${selected.maskedNumber}` : ''}
            {shipAddress
              ? `, and share the shipping address ${shipAddress.city} (${shipAddress.recipient})`
              : ''}
            .
          </p>
        }
      />

      <ApprovalActions
        phase={phase}
        approve={{
          label: asksPasskey(body.amount) ? `Pay ${amount} with your passkey` : `Pay ${amount}`,
          working: 'Paying…',
        }}
        decline="Decline"
        onApprove={pay}
        onDecline={() => void refuse(made.current?.tokenId)}
        canApprove={selected !== undefined && shipReady}
      />
    </Screen>
  );
}
