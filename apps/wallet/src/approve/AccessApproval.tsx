import { useQueryClient } from '@tanstack/react-query';
import type { AccountScope, TokenRequestResult } from '@tokenos/protocol';
import { useId, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { formatDate } from '../format.ts';
import { routes } from '../routes.ts';
import { useMember } from '../wallet/member.ts';
import { accountChoices, useLinks, useMemberState } from '../wallet/queries.ts';
import { rememberApp } from '../wallet/wallet-db.ts';
import { approveAccess, decline, type Step } from './flows.ts';
import { Finished, RequesterCard, Working } from './parts.tsx';
import type { LoadedRequest } from './request.ts';
import { type Returned, returnToRequester, walletMessage } from './return.ts';

type Phase =
  | { kind: 'review' }
  | { kind: 'working'; step: Step; declining: boolean }
  | { kind: 'failed'; error: unknown }
  | { kind: 'done'; outcome: 'approved' | 'declined'; returned: Returned };

export const scopeWords: Record<AccountScope, { title: string; detail: string }> = {
  details: { title: 'Account details', detail: 'Account names, currencies and the last four digits' },
  balances: { title: 'Balances', detail: 'How much is in each account' },
  transactions: { title: 'Transactions', detail: 'Payments in and out, with descriptions' },
};

const dayMs = 24 * 3600 * 1000;

function accountKey(a: { bankId: string; accountRef: string }): string {
  return `${a.bankId}/${a.accountRef}`;
}

/** Shorter choices than the app asked for, never longer. */
function durationChoices(requested: number): number[] {
  return [...new Set([requested, 90, 30, 7, 1])].filter((d) => d <= requested).sort((a, b) => b - a);
}

export function AccessApproval({ loaded, nonce }: { loaded: LoadedRequest; nonce: string }) {
  const member = useMember();
  const queryClient = useQueryClient();
  const links = useLinks();
  const directory = useMemberState(member);
  const { request, domainVerified } = loaded;
  const body = request.body.kind === 'access' ? request.body : undefined;
  const [phase, setPhase] = useState<Phase>({ kind: 'review' });
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
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
  const working = phase.kind === 'working';
  const until = formatDate(Date.now() + days * dayMs);

  const finish = (result: TokenRequestResult) => {
    const returned = returnToRequester(walletMessage(loaded.id, nonce, result), request);
    setPhase({ kind: 'done', outcome: result.outcome, returned });
  };

  const allow = async () => {
    setPhase({ kind: 'working', step: 'creating', declining: false });
    try {
      const passkeys = directory.data?.passkeys ?? (await member.state()).passkeys;
      const { result } = await approveAccess({
        member,
        requestId: loaded.id,
        request,
        accounts: chosen.map((a) => ({ bankId: a.bankId, accountRef: a.accountRef })),
        days,
        passkeys: passkeys.map((p) => p.credentialId),
        onStep: (step) => setPhase({ kind: 'working', step, declining: false }),
      });
      await rememberApp({
        memberId: request.signer.memberId,
        name: app,
        domain: request.requester.domain,
        domainVerified,
      });
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
      void queryClient.invalidateQueries({ queryKey: ['apps'] });
      finish(result);
    } catch (error) {
      console.error(error);
      setPhase({ kind: 'failed', error });
    }
  };

  const refuse = async () => {
    setPhase({ kind: 'working', step: 'answering', declining: true });
    try {
      finish(await decline(member, loaded.id));
    } catch (error) {
      console.error(error);
      setPhase({ kind: 'failed', error });
    }
  };

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
        <div className="notice notice-warning" role="alert">
          <p className="notice-title">No account to share</p>
          <p>Link a bank account first; then you choose which accounts {app} may read.</p>
          <p>
            <Link
              to={`${routes.link}?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}
              className="button button-primary"
            >
              Link a bank account
            </Link>
          </p>
        </div>
      ) : (
        <fieldset className="choices" aria-labelledby={accountsLegend} disabled={working}>
          <legend id={accountsLegend}>Which accounts</legend>
          {accounts.map((a) => (
            <label key={accountKey(a)} className="choice">
              <input
                type="checkbox"
                name="account"
                value={accountKey(a)}
                checked={!unticked.has(accountKey(a))}
                onChange={(e) => toggle(accountKey(a), e.target.checked)}
              />
              <span>
                <span className="choice-title">{a.name}</span>
                <span className="choice-detail">
                  {a.bankName} · {a.maskedNumber} · {a.currency}
                </span>
              </span>
            </label>
          ))}
          {chosen.length === 0 ? (
            <p className="form-hint" role="status">
              Choose at least one account, or choose “Don’t allow”.
            </p>
          ) : null}
        </fieldset>
      )}

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
        <p className="form-hint">Until {until}. You can revoke it at any time in Grants.</p>
      </div>

      {phase.kind === 'failed' ? <ErrorNotice error={phase.error} /> : null}
      {phase.kind === 'working' ? (
        <Working
          step={phase.step}
          confirming={
            <p className="confirming">
              Allow <strong>{app}</strong> ({request.requester.domain}) to read{' '}
              {body.scopes.map((s) => scopeWords[s].title.toLowerCase()).join(', ')} of{' '}
              {chosen.length === 1 ? '1 account' : `${chosen.length} accounts`} until {until}.
            </p>
          }
        />
      ) : null}

      <p className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void allow()}
          disabled={working || chosen.length === 0}
        >
          {working && !phase.declining ? 'Allowing…' : 'Allow access'}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void refuse()}
          disabled={working}
        >
          Don’t allow
        </button>
      </p>
    </Screen>
  );
}
