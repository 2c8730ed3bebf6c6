import type { AccountScope, ProfileField } from '@tokenos/protocol';
import { useId, useState } from 'react';
import { AccountOptions, accountKey } from '../components/AccountChoice.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { formatDate } from '../format.ts';
import { accountChoices, useLinks } from '../wallet/queries.ts';
import { NoAccountNotice } from './account-picker.tsx';
import { approveAccess } from './flows.ts';
import { ApprovalActions, Finished, PhaseNotice, RequesterCard } from './parts.tsx';
import type { LoadedRequest } from './request.ts';
import { useApproval } from './use-approval.ts';

export const scopeWords: Record<AccountScope, { title: string; detail: string }> = {
  details: { title: 'Account details', detail: 'Account names, currencies and the last four digits' },
  balances: { title: 'Balances', detail: 'How much is in each account' },
  transactions: { title: 'Transactions', detail: 'Payments in and out, with descriptions' },
};

export const profileFieldWords: Record<ProfileField, string> = {
  name: 'Your name',
  email: 'Your email address',
  phone: 'Your phone number',
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

  if (!body) return null;
  const app = request.requester.name;
  if (phase.kind === 'done')
    return <Finished outcome={phase.outcome} returned={phase.returned} requesterName={app} kind="access" />;
  if (links.isPending) return <Loading>Getting your accounts…</Loading>;
  if (links.isError) return <ErrorNotice error={links.error} onRetry={() => void links.refetch()} />;

  const accounts = accountChoices(links.data ?? []);
  const chosen = accounts.filter((a) => !unticked.has(accountKey(a)));
  const until = formatDate(Date.now() + days * dayMs);

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
    <Screen title="Allow access to your accounts" documentTitle={`Allow ${app} access`} className="approve">
      <RequesterCard request={request} domainVerified={domainVerified} label="Asking for access" />

      <section className="card" aria-labelledby="scopes-heading">
        <h2 id="scopes-heading">{app} wants to read</h2>
        <ul className="scope-list">
          {body.scopes.map((s) => (
            <li key={s} className="scope">
              <strong>{scopeWords[s].title}</strong>
              <span>{scopeWords[s].detail}</span>
            </li>
          ))}
        </ul>
        <p className="form-hint">It can only read. It can never move money.</p>
      </section>

      {accounts.length === 0 ? (
        <NoAccountNotice title="No account to share">
          Link a bank account first; then you choose which accounts {app} may read.
        </NoAccountNotice>
      ) : (
        <fieldset className="choices" aria-labelledby={accountsLegend} disabled={working}>
          <legend id={accountsLegend}>Which accounts</legend>
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
              Choose at least one account, or choose “Don’t allow”.
            </p>
          ) : null}
        </fieldset>
      )}

      {body.profile ? (
        <fieldset className="choices" aria-labelledby={profileLegend} disabled={working}>
          <legend id={profileLegend}>{app} also asks for, from your profile</legend>
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
                <span className="choice-title">{profileFieldWords[f]}</span>
              </span>
            </label>
          ))}
          <p className="form-hint">
            Only what you tick, and only for as long as you allow access. Leave them all unticked to share
            none.
          </p>
        </fieldset>
      ) : null}

      <div className="field">
        <label htmlFor={daysId}>For how long</label>
        <select id={daysId} value={days} onChange={(e) => setDays(Number(e.target.value))} disabled={working}>
          {durationChoices(body.days).map((d) => (
            <option key={d} value={d}>
              {d === 1 ? '1 day' : `${d} days`}
              {d === body.days ? ' (as asked)' : ''}
            </option>
          ))}
        </select>
        <p className="form-hint">Until {until}. You can revoke it at any time in Connected apps.</p>
      </div>

      <PhaseNotice
        phase={phase}
        confirming={
          <p className="confirming">
            Allow <strong>{app}</strong> ({request.requester.domain}) to read{' '}
            {body.scopes.map((s) => scopeWords[s].title.toLowerCase()).join(', ')} of{' '}
            {chosen.length === 1 ? '1 account' : `${chosen.length} accounts`} until {until}.
          </p>
        }
      />

      <ApprovalActions
        phase={phase}
        approve={{ label: 'Allow access', working: 'Allowing…' }}
        decline="Don’t allow"
        onApprove={allow}
        onDecline={() => void refuse()}
        canApprove={chosen.length > 0}
      />
    </Screen>
  );
}
