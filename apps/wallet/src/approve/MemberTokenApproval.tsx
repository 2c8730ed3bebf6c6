import { useState } from 'react';
import { accountKey } from '../components/AccountChoice.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { limitTerms } from '../member-tokens/usage.ts';
import { accountChoices, useLinks } from '../wallet/queries.ts';
import { WalletError } from '../wallet/wallet-error.ts';
import { NoAccountNotice, PayFromPicker, payingAccounts } from './account-picker.tsx';
import { approveMemberToken } from './member-token-flow.ts';
import { ApprovalActions, Finished, PhaseNotice, RequesterCard } from './parts.tsx';
import type { LoadedRequest } from './request.ts';
import { useApproval } from './use-approval.ts';

/**
 * A merchant asks to charge the user later ("save for later", a subscription): the limits its
 * backend fixed, in words; the user picks the account and approves (passkey when SCA is due), or
 * declines. The merchant gets the member token's id in the signed result.
 */
export function MemberTokenApproval({ loaded, nonce }: { loaded: LoadedRequest; nonce: string }) {
  const { member, phase, working, approve, refuse } = useApproval(loaded, nonce);
  const links = useLinks();
  const { request, domainVerified } = loaded;
  const body = request.body.kind === 'memberToken' ? request.body : undefined;
  const [chosen, setChosen] = useState<string>();
  // The account of the last attempt: once that attempt left a token waiting for its bank, trying
  // again finishes that token, so the account can no longer be changed on this screen.
  const [attempted, setAttempted] = useState<string>();

  if (!body) return null;
  const merchant = request.requester.name;
  const accounts = accountChoices(links.data ?? []);
  const waitingForBank =
    phase.kind === 'failed' && phase.error instanceof WalletError && phase.error.code === 'BankPending';
  const { usable, selected } = payingAccounts(
    accounts,
    body.limitations.currency,
    waitingForBank ? attempted : chosen,
  );
  const limits = limitTerms(body.limitations);

  if (phase.kind === 'done')
    return (
      <Finished outcome={phase.outcome} returned={phase.returned} requesterName={merchant} kind="payment" />
    );
  if (links.isPending) return <Loading>Getting your accounts…</Loading>;
  if (links.isError) return <ErrorNotice error={links.error} onRetry={() => void links.refetch()} />;

  const allow = () => {
    if (!selected) return;
    const source = { bankId: selected.bankId, accountRef: selected.accountRef };
    setAttempted(accountKey(selected));
    void approve('member-tokens', ({ passkeys, onStep }) =>
      approveMemberToken({
        member,
        requestId: loaded.id,
        request,
        source,
        passkeys: passkeys.map((p) => p.credentialId),
        onStep,
      }),
    );
  };

  return (
    <Screen
      title="Allow later charges"
      documentTitle={`Let ${merchant} charge you later`}
      className="approve"
    >
      <RequesterCard request={request} domainVerified={domainVerified} label="Charged by" />
      <dl className="summary card">
        <div>
          <dt>For</dt>
          <dd>{body.description}</dd>
        </div>
        {limits.map((t) => (
          <div key={t.label}>
            <dt>{t.label}</dt>
            <dd>{t.text}</dd>
          </div>
        ))}
        {body.loyalty ? (
          <div>
            <dt>Loyalty</dt>
            <dd>{merchant} may also recognise you by it in its rewards programme.</dd>
          </div>
        ) : null}
      </dl>
      <p className="form-hint">You can revoke it at any time in Subscriptions and saved permissions.</p>

      {usable.length === 0 ? (
        <NoAccountNotice title="No account to pay from">
          {accounts.length === 0
            ? 'Link a bank account to pay from it.'
            : `None of your linked accounts is in ${body.limitations.currency}. Link one to continue.`}
        </NoAccountNotice>
      ) : (
        <PayFromPicker
          usable={usable}
          selected={selected}
          onChoose={setChosen}
          disabled={working || waitingForBank}
        />
      )}
      {waitingForBank ? (
        <p className="form-hint">Trying again finishes this approval from the same account.</p>
      ) : null}

      <PhaseNotice
        phase={phase}
        bankName={selected?.bankName}
        onRetry={allow}
        confirming={
          <p className="confirming">
            Let <strong>{merchant}</strong> ({request.requester.domain}) charge{' '}
            {selected ? `${selected.name} ${selected.maskedNumber}` : 'your account'} within these limits.
          </p>
        }
      />

      <ApprovalActions
        phase={phase}
        approve={{ label: 'Allow', working: 'Allowing…' }}
        decline="Decline"
        onApprove={allow}
        onDecline={() => void refuse()}
        canApprove={selected !== undefined}
      />
    </Screen>
  );
}
