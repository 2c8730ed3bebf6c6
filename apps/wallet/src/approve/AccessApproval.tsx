import type { MessageKey } from '@tokenos/i18n';
import type { AccountScope, ProfileField } from '@tokenos/protocol';
import { Fragment, type ReactNode, useId, useState } from 'react';
import { AccountOptions, accountKey } from '../components/AccountChoice.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { useFormat, useT } from '../i18n/use-t.ts';
import { accountChoices, useLinks } from '../wallet/queries.ts';
import { accessApprovalMessages } from './AccessApproval.messages.ts';
import { NoAccountNotice } from './account-picker.tsx';
import { approveAccess } from './flows.ts';
import { ApprovalActions, Finished, PhaseNotice, RequesterCard } from './parts.tsx';
import type { LoadedRequest } from './request.ts';
import { useApproval } from './use-approval.ts';

type AccessKey = MessageKey<typeof accessApprovalMessages>;

/** Each scope's words in the catalog: its title, what it covers, and its name inside a sentence. */
export const scopeKeys: Record<AccountScope, { title: AccessKey; detail: AccessKey; inline: AccessKey }> = {
  details: { title: 'scopeDetailsTitle', detail: 'scopeDetailsDetail', inline: 'scopeDetailsInline' },
  balances: { title: 'scopeBalancesTitle', detail: 'scopeBalancesDetail', inline: 'scopeBalancesInline' },
  transactions: {
    title: 'scopeTransactionsTitle',
    detail: 'scopeTransactionsDetail',
    inline: 'scopeTransactionsInline',
  },
};

const profileFieldKeys: Record<ProfileField, AccessKey> = {
  name: 'fieldName',
  email: 'fieldEmail',
  phone: 'fieldPhone',
};

const dayMs = 24 * 3600 * 1000;

/** Shorter choices than the app asked for, never longer. */
function durationChoices(requested: number): number[] {
  return [...new Set([requested, 90, 30, 7, 1])].filter((d) => d <= requested).sort((a, b) => b - a);
}

export function AccessApproval({ loaded, nonce }: { loaded: LoadedRequest; nonce: string }) {
  const { member, phase, working, approve, refuse } = useApproval(loaded, nonce);
  const links = useLinks();
  const { request, domainVerified } = loaded;
  const body = request.body.kind === 'access' ? request.body : undefined;
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  // Profile fields are offered, not assumed: nothing from the profile is shared unless ticked.
  const [sharedFields, setSharedFields] = useState<ReadonlySet<ProfileField>>(new Set());
  const profileLegend = useId();
  const [days, setDays] = useState(body?.days ?? 90);
  const accountsLegend = useId();
  const daysId = useId();
  const t = useT(accessApprovalMessages);
  const fmt = useFormat();
  const { tag } = useLocale();

  if (!body) return null;
  const app = request.requester.name;
  if (phase.kind === 'done')
    return <Finished outcome={phase.outcome} returned={phase.returned} requesterName={app} kind="access" />;
  if (links.isPending) return <Loading>{t('gettingAccounts')}</Loading>;
  if (links.isError) return <ErrorNotice error={links.error} onRetry={() => void links.refetch()} />;

  const accounts = accountChoices(links.data ?? []);
  const chosen = accounts.filter((a) => !unticked.has(accountKey(a)));
  const until = fmt.date(Date.now() + days * dayMs);
  // The scopes in the sentence that confirms them, listed the reader's way ("a, b, c").
  const scopes = new Intl.ListFormat(tag, { style: 'short', type: 'unit' }).format(
    body.scopes.map((s) => t(scopeKeys[s].inline)),
  );

  const allow = () =>
    void approve('tokens', ({ passkeys, onStep }) =>
      approveAccess({
        member,
        requestId: loaded.id,
        request,
        accounts: chosen.map((a) => ({ bankId: a.bankId, accountRef: a.accountRef })),
        profile: (body.profile ?? []).filter((f) => sharedFields.has(f)),
        days,
        passkeys: passkeys.map((p) => p.credentialId),
        onStep,
      }),
    );

  const toggle = (key: string, on: boolean) =>
    setUnticked((old) => {
      const next = new Set(old);
      if (on) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <Screen title={t('title')} documentTitle={t('documentTitle', { app })} className="approve">
      <RequesterCard request={request} domainVerified={domainVerified} label={t('askingLabel')} />

      <section className="card" aria-labelledby="scopes-heading">
        <h2 id="scopes-heading">{t('wantsToRead', { app })}</h2>
        <ul className="scope-list">
          {body.scopes.map((s) => (
            <li key={s} className="scope">
              <strong>{t(scopeKeys[s].title)}</strong>
              <span>{t(scopeKeys[s].detail)}</span>
            </li>
          ))}
        </ul>
        <p className="form-hint">{t('readOnly')}</p>
      </section>

      {accounts.length === 0 ? (
        <NoAccountNotice title={t('noAccountTitle')}>{t('noAccount', { app })}</NoAccountNotice>
      ) : (
        <fieldset className="choices" aria-labelledby={accountsLegend} disabled={working}>
          <legend id={accountsLegend}>{t('whichAccounts')}</legend>
          <AccountOptions
            accounts={accounts}
            type="checkbox"
            name="account"
            isChecked={(key) => !unticked.has(key)}
            onChange={toggle}
            currency
          />
          {chosen.length === 0 ? (
            <p className="form-hint" role="status">
              {t('chooseOne')}
            </p>
          ) : null}
        </fieldset>
      )}

      {body.profile ? (
        <fieldset className="choices" aria-labelledby={profileLegend} disabled={working}>
          <legend id={profileLegend}>{t('profileLegend', { app })}</legend>
          {body.profile.map((f) => (
            <label key={f} className="choice">
              <input
                type="checkbox"
                name="profile"
                value={f}
                checked={sharedFields.has(f)}
                onChange={(e) =>
                  setSharedFields((old) => {
                    const next = new Set(old);
                    if (e.target.checked) next.add(f);
                    else next.delete(f);
                    return next;
                  })
                }
              />
              <span>
                <span className="choice-title">{t(profileFieldKeys[f])}</span>
              </span>
            </label>
          ))}
          <p className="form-hint">{t('profileHint')}</p>
        </fieldset>
      ) : null}

      <div className="field">
        <label htmlFor={daysId}>{t('howLong')}</label>
        <select id={daysId} value={days} onChange={(e) => setDays(Number(e.target.value))} disabled={working}>
          {durationChoices(body.days).map((d) => (
            <option key={d} value={d}>
              {t('days', { days: d, asked: d === body.days ? 'yes' : 'no' })}
            </option>
          ))}
        </select>
        <p className="form-hint">{t('until', { date: until })}</p>
      </div>

      <PhaseNotice
        phase={phase}
        confirming={
          <p className="confirming">
            {t
              .rich<ReactNode>('confirming', {
                app,
                domain: request.requester.domain,
                scopes,
                count: chosen.length,
                date: until,
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
        decline={t('dontAllow')}
        onApprove={allow}
        onDecline={() => void refuse()}
        canApprove={chosen.length > 0}
      />
    </Screen>
  );
}
