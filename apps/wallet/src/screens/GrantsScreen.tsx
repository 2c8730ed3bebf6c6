import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type AccessTokenPayload,
  type AccountResource,
  type AccountScope,
  isAccountResource,
  type ProfileField,
  type StoredAddress,
  tokenId as tokenIdOf,
} from '@tokenos/protocol';
import { accessTokenPayload, cancelToken, replaceAccessToken, type TokenView } from '@tokenos/sdk';
import { useId, useState } from 'react';
import { scopeWords } from '../approve/AccessApproval.tsx';
import { Confirm } from '../components/Confirm.tsx';
import { Link } from '../components/Link.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { PasskeyPrompt } from '../components/PasskeyPrompt.tsx';
import { Screen } from '../components/Screen.tsx';
import { formatDate, formatRelative } from '../format.ts';
import { routes } from '../routes.ts';
import { useMember } from '../wallet/member.ts';
import { cancelPasskeyPrompt, passkeyEvidence } from '../wallet/passkey.ts';
import { addressLine, usePersonalData } from '../wallet/personal-data.ts';
import {
  type AccountChoice,
  accountChoices,
  useApps,
  useCounterparty,
  useLinks,
  useMemberState,
  useTokens,
} from '../wallet/queries.ts';
import type { AppRecord } from '../wallet/wallet-db.ts';

const scopeOrder: AccountScope[] = ['details', 'balances', 'transactions'];
const dayMs = 24 * 3600 * 1000;

function accountLabel(resource: AccountResource, accounts: readonly AccountChoice[]): string {
  const a = accounts.find(
    (x) => x.bankId === resource.account.bankId && x.accountRef === resource.account.accountRef,
  );
  return a
    ? `${a.name} ${a.maskedNumber} (${a.bankName})`
    : `An account no longer linked (${resource.account.accountRef.slice(0, 6)}…)`;
}

function scopesOf(payload: AccessTokenPayload): AccountScope[] {
  const all = new Set(payload.resources.filter(isAccountResource).flatMap((r) => r.scopes));
  return scopeOrder.filter((s) => all.has(s));
}

/** Every access grant by app: what it reads, from which accounts, since and until when, last use. */
export function GrantsScreen() {
  const member = useMember();
  const tokens = useTokens(member, 'access');
  const apps = useApps();
  const links = useLinks();
  const accounts = accountChoices(links.data ?? []);
  const endorsed = tokens.data?.filter((t) => t.endorsement !== null) ?? [];
  const live = endorsed.filter((t) => t.status === 'valid');
  const past = endorsed.filter((t) => t.status !== 'valid');
  const [notice, setNotice] = useState<string>();
  return (
    <Screen title="Connected apps" className="grants">
      <p className="lede">
        Apps you allowed to read your accounts, a shipping address or contact details. Narrow or revoke any of
        them at any time. Your addresses and contact details are in <Link to={routes.profile}>Profile</Link>.
      </p>
      <p className="notice-slot" role="status">
        {notice ? <span className="notice notice-ok">{notice}</span> : null}
      </p>
      {tokens.isPending ? (
        <Loading>Reading your connected apps…</Loading>
      ) : tokens.isError ? (
        <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : live.length === 0 ? (
        <div className="empty card">
          <h2>No app can read your data</h2>
          <p>
            When you allow an app to read your accounts or share an address with a shop, it shows here, and
            you can revoke it.
          </p>
        </div>
      ) : (
        <ul className="token-list">
          {live.map((t) => (
            <GrantItem
              key={t.id}
              token={t}
              apps={apps.data}
              accounts={accounts}
              onRevoked={(name) => setNotice(`Revoked. ${name} can no longer read your data.`)}
            />
          ))}
        </ul>
      )}
      {past.length > 0 ? (
        <details className="past">
          <summary>Ended connections ({past.length})</summary>
          <ul className="rows">
            {past.map((t) => (
              <PastGrant key={t.id} token={t} apps={apps.data} />
            ))}
          </ul>
        </details>
      ) : null}
    </Screen>
  );
}

function PastGrant({ token, apps }: { token: TokenView; apps: readonly AppRecord[] | undefined }) {
  const app = useCounterparty(token.payload.to.memberId, token.requestId, apps);
  const why =
    token.status === 'replaced'
      ? 'Replaced when you narrowed it'
      : token.status === 'expired'
        ? 'Expired'
        : 'Revoked';
  return (
    <li className="row">
      <span className="row-main">
        <span>{app?.name ?? 'An app'}</span>
        <span className="muted">
          {why} · {formatDate(token.updatedAt)}
        </span>
      </span>
    </li>
  );
}

function GrantItem({
  token,
  apps,
  accounts,
  onRevoked,
}: {
  token: TokenView;
  apps: readonly AppRecord[] | undefined;
  accounts: readonly AccountChoice[];
  onRevoked: (name: string) => void;
}) {
  const member = useMember();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'view' | 'revoke' | 'edit'>('view');
  const app = useCounterparty(token.payload.to.memberId, token.requestId, apps);
  const revoke = useMutation({
    mutationFn: () => cancelToken(member, token.id),
    onSuccess: () => {
      onRevoked(app?.name ?? 'The app');
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  if (token.payload.type !== 'AccessToken') return null;
  const payload = token.payload;
  const name = app?.name ?? 'An app';
  const headingId = `grant-${token.id}`;
  const accountResources = payload.resources.filter(isAccountResource);
  return (
    <li className="card token" aria-labelledby={headingId}>
      <div className="token-head">
        <h2 id={headingId} className="token-title">
          {name}
          {app && app.domain !== name ? <span className="muted token-domain"> · {app.domain}</span> : null}
        </h2>
      </div>
      <dl className="facts">
        {accountResources.length > 0 ? (
          <>
            <div>
              <dt>Can read</dt>
              <dd>
                {scopesOf(payload)
                  .map((s) => scopeWords[s].title)
                  .join(', ')}
              </dd>
            </div>
            <div>
              <dt>Accounts</dt>
              <dd>
                <ul className="plain-list">
                  {accountResources.map((r) => (
                    <li key={`${r.account.bankId}/${r.account.accountRef}`}>{accountLabel(r, accounts)}</li>
                  ))}
                </ul>
              </dd>
            </div>
          </>
        ) : null}
        <PersonalFacts payload={payload} />
        <div>
          <dt>Since</dt>
          <dd>{formatDate(payload.effectiveAt)}</dd>
        </div>
        <div>
          <dt>Until</dt>
          <dd>
            {formatDate(payload.expiresAt)} ({formatRelative(payload.expiresAt)})
          </dd>
        </div>
        <div>
          <dt>Last used</dt>
          <dd>{token.lastUsedAt ? formatRelative(token.lastUsedAt) : 'Not used yet'}</dd>
        </div>
      </dl>
      {revoke.isError ? <ErrorNotice error={revoke.error} /> : null}
      {mode === 'revoke' ? (
        <Confirm
          question={`Revoke ${name}’s access? It stops at once; its next read fails.`}
          confirmLabel="Revoke access"
          busyLabel="Revoking…"
          busy={revoke.isPending}
          onConfirm={() => revoke.mutate()}
          onCancel={() => setMode('view')}
        />
      ) : mode === 'edit' ? (
        <NarrowGrant
          token={token}
          payload={payload}
          name={name}
          accounts={accounts}
          onClose={() => setMode('view')}
        />
      ) : (
        <div className="token-actions">
          {accountResources.length > 0 ? (
            <button type="button" className="button button-secondary" onClick={() => setMode('edit')}>
              Narrow…
            </button>
          ) : null}
          <button type="button" className="button button-secondary" onClick={() => setMode('revoke')}>
            Revoke…
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * Replaces a grant with a narrower one (fewer accounts, fewer kinds of data, an earlier end): one
 * grant per app, swapped atomically by the cloud, confirmed with the passkey like any grant.
 */
function NarrowGrant({
  token,
  payload,
  name,
  accounts,
  onClose,
}: {
  token: TokenView;
  payload: AccessTokenPayload;
  name: string;
  accounts: readonly AccountChoice[];
  onClose: () => void;
}) {
  const member = useMember();
  const queryClient = useQueryClient();
  const directory = useMemberState(member);
  const current = scopesOf(payload);
  const [scopes, setScopes] = useState<ReadonlySet<AccountScope>>(new Set(current));
  const [kept, setKept] = useState<ReadonlySet<string>>(
    new Set(
      payload.resources.filter(isAccountResource).map((r) => `${r.account.bankId}/${r.account.accountRef}`),
    ),
  );
  const remainingDays = (payload.expiresAt - Date.now()) / dayMs;
  // 0 keeps the end date; any other choice ends it sooner, never later.
  const [days, setDays] = useState(0);
  const dayChoices = [30, 7, 1].filter((d) => d < remainingDays);
  const [prompting, setPrompting] = useState(false);
  const formId = useId();

  // Narrowing edits the accounts; an address or profile fields in the same grant stay as they are.
  const others = payload.resources.filter((r) => !isAccountResource(r));
  const resources = payload.resources
    .filter(isAccountResource)
    .filter((r) => kept.has(`${r.account.bankId}/${r.account.accountRef}`))
    .map((r) => ({ ...r, scopes: r.scopes.filter((s) => scopes.has(s)) }))
    .filter((r) => r.scopes.length > 0);

  const save = useMutation({
    mutationFn: async () => {
      const expiresAt =
        days === 0 ? payload.expiresAt : Math.min(payload.expiresAt, Date.now() + days * dayMs);
      const next = accessTokenPayload(member, {
        grantee: payload.to.memberId,
        resources: [...resources, ...others],
        expiresInMs: expiresAt - Date.now(),
        ...(payload.requestId ? { requestId: payload.requestId } : {}),
      });
      const passkeys = directory.data?.passkeys ?? (await member.state()).passkeys;
      setPrompting(true);
      try {
        const sca = await passkeyEvidence(
          tokenIdOf(next),
          passkeys.map((p) => p.credentialId),
        );
        setPrompting(false);
        return await replaceAccessToken(member, token.id, next, sca);
      } finally {
        setPrompting(false);
      }
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
      onClose();
    },
  });

  const toggle = <T,>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  return (
    <form
      className="narrow form"
      aria-labelledby={`${formId}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3 id={`${formId}-title`}>Narrow {name}’s access</h3>
      <fieldset className="choices" disabled={save.isPending}>
        <legend>What it may read</legend>
        {current.map((s) => (
          <label key={s} className="choice">
            <input
              type="checkbox"
              checked={scopes.has(s)}
              onChange={(e) => setScopes(toggle(scopes, s, e.target.checked))}
            />
            <span className="choice-title">{scopeWords[s].title}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="choices" disabled={save.isPending}>
        <legend>Which accounts</legend>
        {payload.resources.filter(isAccountResource).map((r) => {
          const key = `${r.account.bankId}/${r.account.accountRef}`;
          return (
            <label key={key} className="choice">
              <input
                type="checkbox"
                checked={kept.has(key)}
                onChange={(e) => setKept(toggle(kept, key, e.target.checked))}
              />
              <span className="choice-title">{accountLabel(r, accounts)}</span>
            </label>
          );
        })}
      </fieldset>
      <div className="field">
        <label htmlFor={`${formId}-days`}>Ends</label>
        <select
          id={`${formId}-days`}
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
          disabled={save.isPending}
        >
          <option value={0}>As now, on {formatDate(payload.expiresAt)}</option>
          {dayChoices.map((d) => (
            <option key={d} value={d}>
              {d === 1 ? 'In 1 day' : `In ${d} days`}
            </option>
          ))}
        </select>
      </div>
      {resources.length === 0 ? (
        <p className="form-hint" role="status">
          Keep at least one account and one kind of data, or revoke the access instead.
        </p>
      ) : null}
      {save.isError ? <ErrorNotice error={save.error} /> : null}
      {prompting ? (
        <PasskeyPrompt onCancel={cancelPasskeyPrompt}>
          <p className="confirming">
            Let <strong>{name}</strong> read{' '}
            {[...scopes].map((s) => scopeWords[s].title.toLowerCase()).join(', ')} of{' '}
            {resources.length === 1 ? '1 account' : `${resources.length} accounts`}.
          </p>
        </PasskeyPrompt>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={save.isPending || resources.length === 0}
        >
          {save.isPending ? 'Saving…' : 'Save with passkey'}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const fieldWords: Record<ProfileField, string> = { name: 'Name', email: 'Email', phone: 'Phone' };

function addressWords(id: string, addresses: readonly StoredAddress[] | undefined): string {
  if (!addresses) return 'An address from your address book';
  const a = addresses.find((x) => x.id === id);
  return a ? `${a.label ? `${a.label}: ` : ''}${a.recipient}, ${addressLine(a)}` : 'An address you deleted';
}

/** What of the profile and address book a grant shares (issue 9). */
function PersonalFacts({ payload }: { payload: AccessTokenPayload }) {
  const member = useMember();
  const addressIds = payload.resources.flatMap((r) => (r.type === 'address' ? [r.addressId] : []));
  const fields = payload.resources.flatMap((r) => (r.type === 'profile' ? r.fields : []));
  const personal = usePersonalData(member, addressIds.length > 0);
  return (
    <>
      {addressIds.length > 0 ? (
        <div>
          <dt>{addressIds.length === 1 ? 'Address' : 'Addresses'}</dt>
          <dd>
            <ul className="plain-list">
              {addressIds.map((id) => (
                <li key={id}>{addressWords(id, personal.data?.addresses)}</li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      {fields.length > 0 ? (
        <div>
          <dt>Contact details</dt>
          <dd>{fields.map((f) => fieldWords[f]).join(', ')}</dd>
        </div>
      ) : null}
    </>
  );
}
