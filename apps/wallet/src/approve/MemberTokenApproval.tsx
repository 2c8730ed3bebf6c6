import { Fragment, type ReactNode, useState } from 'react';
import { accountKey } from '../components/AccountChoice.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { useT } from '../i18n/use-t.ts';
import { limitTerms } from '../member-tokens/usage.ts';
import { accountChoices, useLinks } from '../wallet/queries.ts';
import { WalletError } from '../wallet/wallet-error.ts';
import { NoAccountNotice, PayFromPicker, payingAccounts } from './account-picker.tsx';
import { memberTokenApprovalMessages } from './MemberTokenApproval.messages.ts';
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
  const t = useT(memberTokenApprovalMessages);
  const { locale, tag } = useLocale();

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
  const limits = limitTerms(body.limitations, locale, tag);

  if (phase.kind === 'done')
    return (
      <Finished outcome={phase.outcome} returned={phase.returned} requesterName={merchant} kind="payment" />
    );
  if (links.isPending) return <Loading>{t('gettingAccounts')}</Loading>;
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
    <Screen title={t('title')} documentTitle={t('documentTitle', { merchant })} className="approve">
      <RequesterCard request={request} domainVerified={domainVerified} label={t('chargedBy')} />
      <dl className="summary card">
        <div>
          <dt>{t('for')}</dt>
          <dd>{body.description}</dd>
        </div>
        {limits.map((limit) => (
          <div key={limit.label}>
            <dt>{limit.label}</dt>
            <dd>{limit.text}</dd>
          </div>
        ))}
        {body.loyalty ? (
          <div>
            <dt>{t('loyalty')}</dt>
            <dd>{t('loyaltyBody', { merchant })}</dd>
          </div>
        ) : null}
      </dl>
      <p className="form-hint">{t('revoke')}</p>

      {usable.length === 0 ? (
        <NoAccountNotice title={t('noAccountTitle')}>
          {accounts.length === 0
            ? t('noAccounts')
            : t('wrongCurrency', { currency: body.limitations.currency })}
        </NoAccountNotice>
      ) : (
        <PayFromPicker
          usable={usable}
          selected={selected}
          onChoose={setChosen}
          disabled={working || waitingForBank}
        />
      )}
      {waitingForBank ? <p className="form-hint">{t('sameAccount')}</p> : null}

      <PhaseNotice
        phase={phase}
        bankName={selected?.bankName}
        onRetry={allow}
        confirming={
          <p className="confirming">
            {t
              .rich<ReactNode>('confirming', {
                merchant,
                domain: request.requester.domain,
                source: selected ? 'yes' : 'no',
                account: selected ? `${selected.name} ${selected.maskedNumber}` : '',
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
        approve={{ label: t('allow'), working: t('allowing') }}
        decline={t('decline')}
        onApprove={allow}
        onDecline={() => void refuse()}
        canApprove={selected !== undefined}
      />
    </Screen>
  );
}
