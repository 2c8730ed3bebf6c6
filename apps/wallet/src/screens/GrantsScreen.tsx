import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageKey, Translator } from '@tokenos/i18n';
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
import { Fragment, type ReactNode, useId, useState } from 'react';
import { accessApprovalMessages } from '../approve/AccessApproval.messages.ts';
import { scopeKeys } from '../approve/AccessApproval.tsx';
import { Confirm } from '../components/Confirm.tsx';
import { Link } from '../components/Link.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { PasskeyPrompt } from '../components/PasskeyPrompt.tsx';
import { Screen } from '../components/Screen.tsx';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { useFormat, useT } from '../i18n/use-t.ts';
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
import { grantsScreenMessages } from './GrantsScreen.messages.ts';

const scopeOrder: AccountScope[] = ['details', 'balances', 'transactions'];
const dayMs = 24 * 3600 * 1000;

type GrantsT = Translator<MessageKey<typeof grantsScreenMessages>>;

/** A rich message's parts, keyed for React. */
function parts(list: (string | ReactNode)[]): ReactNode {
  return list.map((part, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence, in order
    <Fragment key={i}>{part}</Fragment>
  ));
}

function accountLabel(t: GrantsT, resource: AccountResource, accounts: readonly AccountChoice[]): string {
  const a = accounts.find(
    (x) => x.bankId === resource.account.bankId && x.accountRef === resource.account.accountRef,
  );
  return a
    ? `${a.name} ${a.maskedNumber} (${a.bankName})`
    : t('accountGone', { ref: resource.account.accountRef.slice(0, 6) });
}

function scopesOf(payload: AccessTokenPayload): AccountScope[] {
  const all = new Set(payload.resources.filter(isAccountResource).flatMap((r) => r.scopes));
  return scopeOrder.filter((s) => all.has(s));
}

/** Every access grant by app: what it reads, from which accounts, since and until when, last use. */
export function GrantsScreen() {
  const t = useT(grantsScreenMessages);
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
    <Screen title={t('title')} className="grants">
      <p className="lede">
        {parts(t.rich<ReactNode>('lede', { link: (chunks) => <Link to={routes.profile}>{chunks}</Link> }))}
      </p>
      <p className="notice-slot" role="status">
        {notice ? <span className="notice notice-ok">{notice}</span> : null}
      </p>
      {tokens.isPending ? (
        <Loading>{t('loading')}</Loading>
      ) : tokens.isError ? (
        <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : live.length === 0 ? (
        <div className="empty card">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
        </div>
      ) : (
        <ul className="token-list">
          {live.map((token) => (
            <GrantItem
              key={token.id}
              token={token}
              apps={apps.data}
              accounts={accounts}
              onRevoked={(name) => setNotice(name ? t('revokedNotice', { name }) : t('revokedNoticeNoName'))}
            />
          ))}
        </ul>
      )}
      {past.length > 0 ? (
        <details className="past">
          <summary>{t('ended', { count: past.length })}</summary>
          <ul className="rows">
            {past.map((token) => (
              <PastGrant key={token.id} token={token} apps={apps.data} />
            ))}
          </ul>
        </details>
      ) : null}
    </Screen>
  );
}

function PastGrant({ token, apps }: { token: TokenView; apps: readonly AppRecord[] | undefined }) {
  const t = useT(grantsScreenMessages);
  const fmt = useFormat();
  const app = useCounterparty(token.payload.to.memberId, token.requestId, apps);
  const why =
    token.status === 'replaced'
      ? t('whyReplaced')
      : token.status === 'expired'
        ? t('whyExpired')
        : t('whyRevoked');
  return (
    <li className="row">
      <span className="row-main">
        <span>{app?.name ?? t('anApp')}</span>
        <span className="muted">
          {why} · {fmt.date(token.updatedAt)}
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
  onRevoked: (name: string | undefined) => void;
}) {
  const t = useT(grantsScreenMessages);
  const scopeT = useT(accessApprovalMessages);
  const fmt = useFormat();
  const member = useMember();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'view' | 'revoke' | 'edit'>('view');
  const app = useCounterparty(token.payload.to.memberId, token.requestId, apps);
  const revoke = useMutation({
    mutationFn: () => cancelToken(member, token.id),
    onSuccess: () => {
      onRevoked(app?.name);
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  if (token.payload.type !== 'AccessToken') return null;
  const payload = token.payload;
  const name = app?.name ?? t('anApp');
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
              <dt>{t('canRead')}</dt>
              <dd>
                {scopesOf(payload)
                  .map((s) => scopeT(scopeKeys[s].title))
                  .join(', ')}
              </dd>
            </div>
            <div>
              <dt>{t('accounts')}</dt>
              <dd>
                <ul className="plain-list">
                  {accountResources.map((r) => (
                    <li key={`${r.account.bankId}/${r.account.accountRef}`}>
                      {accountLabel(t, r, accounts)}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          </>
        ) : null}
        <PersonalFacts payload={payload} />
        <div>
          <dt>{t('since')}</dt>
          <dd>{fmt.date(payload.effectiveAt)}</dd>
        </div>
        <div>
          <dt>{t('until')}</dt>
          <dd>
            {t('untilValue', {
              date: fmt.date(payload.expiresAt),
              relative: fmt.relative(payload.expiresAt),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('lastUsed')}</dt>
          <dd>{token.lastUsedAt ? fmt.relative(token.lastUsedAt) : t('notUsed')}</dd>
        </div>
      </dl>
      {revoke.isError ? <ErrorNotice error={revoke.error} /> : null}
      {mode === 'revoke' ? (
        <Confirm
          question={t('revokeQuestion', { name })}
          confirmLabel={t('revokeAccess')}
          busyLabel={t('revoking')}
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
              {t('narrow')}
            </button>
          ) : null}
          <button type="button" className="button button-secondary" onClick={() => setMode('revoke')}>
            {t('revoke')}
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
  const t = useT(grantsScreenMessages);
  const scopeT = useT(accessApprovalMessages);
  const fmt = useFormat();
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
      <h3 id={`${formId}-title`}>{t('narrowTitle', { name })}</h3>
      <fieldset className="choices" disabled={save.isPending}>
        <legend>{t('whatRead')}</legend>
        {current.map((s) => (
          <label key={s} className="choice">
            <input
              type="checkbox"
              checked={scopes.has(s)}
              onChange={(e) => setScopes(toggle(scopes, s, e.target.checked))}
            />
            <span className="choice-title">{scopeT(scopeKeys[s].title)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="choices" disabled={save.isPending}>
        <legend>{t('whichAccounts')}</legend>
        {payload.resources.filter(isAccountResource).map((r) => {
          const key = `${r.account.bankId}/${r.account.accountRef}`;
          return (
            <label key={key} className="choice">
              <input
                type="checkbox"
                checked={kept.has(key)}
                onChange={(e) => setKept(toggle(kept, key, e.target.checked))}
              />
              <span className="choice-title">{accountLabel(t, r, accounts)}</span>
            </label>
          );
        })}
      </fieldset>
      <div className="field">
        <label htmlFor={`${formId}-days`}>{t('ends')}</label>
        <select
          id={`${formId}-days`}
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
          disabled={save.isPending}
        >
          <option value={0}>{t('asNow', { date: fmt.date(payload.expiresAt) })}</option>
          {dayChoices.map((d) => (
            <option key={d} value={d}>
              {t('inDays', { days: d })}
            </option>
          ))}
        </select>
      </div>
      {resources.length === 0 ? (
        <p className="form-hint" role="status">
          {t('keepOne')}
        </p>
      ) : null}
      {save.isError ? <ErrorNotice error={save.error} /> : null}
      {prompting ? (
        <PasskeyPrompt onCancel={cancelPasskeyPrompt}>
          <p className="confirming">
            {parts(
              t.rich<ReactNode>('confirming', {
                name,
                scopes: [...scopes].map((s) => scopeT(scopeKeys[s].inline)).join(', '),
                count: resources.length,
                strong: (chunks) => <strong>{chunks}</strong>,
              }),
            )}
          </p>
        </PasskeyPrompt>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={save.isPending || resources.length === 0}
        >
          {save.isPending ? t('saving') : t('saveWithPasskey')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose} disabled={save.isPending}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** The message naming each profile field. */
const fieldKey: Record<ProfileField, 'fieldName' | 'fieldEmail' | 'fieldPhone'> = {
  name: 'fieldName',
  email: 'fieldEmail',
  phone: 'fieldPhone',
};

function addressWords(
  t: GrantsT,
  tag: string,
  id: string,
  addresses: readonly StoredAddress[] | undefined,
): string {
  if (!addresses) return t('addressBook');
  const a = addresses.find((x) => x.id === id);
  return a ? `${a.label ? `${a.label}: ` : ''}${a.recipient}, ${addressLine(a, tag)}` : t('addressDeleted');
}

/** What of the profile and address book a grant shares (issue 9). */
function PersonalFacts({ payload }: { payload: AccessTokenPayload }) {
  const t = useT(grantsScreenMessages);
  const { tag } = useLocale();
  const member = useMember();
  const addressIds = payload.resources.flatMap((r) => (r.type === 'address' ? [r.addressId] : []));
  const fields = payload.resources.flatMap((r) => (r.type === 'profile' ? r.fields : []));
  const personal = usePersonalData(member, addressIds.length > 0);
  return (
    <>
      {addressIds.length > 0 ? (
        <div>
          <dt>{t('addresses', { count: addressIds.length })}</dt>
          <dd>
            <ul className="plain-list">
              {addressIds.map((id) => (
                <li key={id}>{addressWords(t, tag, id, personal.data?.addresses)}</li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      {fields.length > 0 ? (
        <div>
          <dt>{t('contactDetails')}</dt>
          <dd>{fields.map((f) => t(fieldKey[f])).join(', ')}</dd>
        </div>
      ) : null}
    </>
  );
}
