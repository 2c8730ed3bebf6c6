import { useQueryClient } from '@tanstack/react-query';
import type { TokenRequest, TokenRequestResult } from '@tokenos/protocol';
import { useId, useRef, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { formatMoney } from '../format.ts';
import { routes } from '../routes.ts';
import { useMember } from '../wallet/member.ts';
import { accountChoices, useLinks, useMemberState } from '../wallet/queries.ts';
import { rememberApp } from '../wallet/wallet-db.ts';
import { approvePayment, decline, type Step } from './flows.ts';
import { Finished, RequesterCard, Working } from './parts.tsx';
import type { LoadedRequest } from './request.ts';
import { type Returned, returnToRequester, walletMessage } from './return.ts';

type Phase =
  | { kind: 'review' }
  | { kind: 'working'; step: Step; declining: boolean }
  | { kind: 'failed'; error: unknown }
  | { kind: 'done'; outcome: 'approved' | 'declined'; returned: Returned };

function accountKey(a: { bankId: string; accountRef: string }): string {
  return `${a.bankId}/${a.accountRef}`;
}

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

export function PaymentApproval({ loaded, nonce }: { loaded: LoadedRequest; nonce: string }) {
  const member = useMember();
  const queryClient = useQueryClient();
  const links = useLinks();
  const directory = useMemberState(member);
  const { request, domainVerified } = loaded;
  const body = request.body.kind === 'transfer' ? request.body : undefined;
  const [phase, setPhase] = useState<Phase>({ kind: 'review' });
  const [chosen, setChosen] = useState<string>();
  const made = useRef<{ tokenId: string; source: string }>(undefined);
  const legendId = useId();

  if (!body) return null;
  const amount = formatMoney(body.amount);
  const payee = request.requester.name;
  const accounts = accountChoices(links.data ?? []);
  const usable = accounts.filter((a) => a.currency === body.amount.currency);
  const selected = usable.find((a) => accountKey(a) === chosen) ?? usable[0];
  const terms = termsOf(request.body);

  if (phase.kind === 'done')
    return (
      <Finished outcome={phase.outcome} returned={phase.returned} requesterName={payee} kind="payment" />
    );

  if (links.isPending) return <Loading>Getting your accounts…</Loading>;
  if (links.isError) return <ErrorNotice error={links.error} onRetry={() => void links.refetch()} />;

  const working = phase.kind === 'working';
  const finish = (result: TokenRequestResult) => {
    const returned = returnToRequester(walletMessage(loaded.id, nonce, result), request);
    setPhase({ kind: 'done', outcome: result.outcome, returned });
  };

  const approve = async () => {
    if (!selected) return;
    const source = { bankId: selected.bankId, accountRef: selected.accountRef };
    const key = accountKey(source);
    setPhase({ kind: 'working', step: 'creating', declining: false });
    try {
      const passkeys = directory.data?.passkeys ?? (await member.state()).passkeys;
      const { result } = await approvePayment({
        member,
        requestId: loaded.id,
        request,
        source,
        passkeys: passkeys.map((p) => p.credentialId),
        tokenId: made.current?.source === key ? made.current.tokenId : undefined,
        onStep: (step) => setPhase({ kind: 'working', step, declining: false }),
        onToken: (tokenId) => {
          made.current = { tokenId, source: key };
        },
      });
      await rememberApp({
        memberId: request.signer.memberId,
        name: payee,
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
      finish(await decline(member, loaded.id, made.current?.tokenId));
    } catch (error) {
      console.error(error);
      setPhase({ kind: 'failed', error });
    }
  };

  return (
    <Screen title="Approve payment" documentTitle={`Pay ${payee}`} className="approve">
      <RequesterCard request={request} domainVerified={domainVerified} label="Pay to" />
      <dl className="summary card">
        <div>
          <dt>Amount</dt>
          <dd className="amount">{amount}</dd>
        </div>
        <div>
          <dt>For</dt>
          <dd>{body.description}</dd>
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
        <div className="notice notice-warning" role="alert">
          <p className="notice-title">No account to pay from</p>
          <p>
            {accounts.length === 0
              ? 'Link a bank account to pay from it.'
              : `None of your linked accounts is in ${body.amount.currency}. Link an account in ${body.amount.currency} to pay.`}
          </p>
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
        <fieldset className="choices" aria-labelledby={legendId} disabled={working}>
          <legend id={legendId}>Pay from</legend>
          {usable.map((a) => (
            <label key={accountKey(a)} className="choice">
              <input
                type="radio"
                name="source"
                value={accountKey(a)}
                checked={selected !== undefined && accountKey(selected) === accountKey(a)}
                onChange={() => setChosen(accountKey(a))}
              />
              <span>
                <span className="choice-title">{a.name}</span>
                <span className="choice-detail">
                  {a.bankName} · {a.maskedNumber}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      )}

      {phase.kind === 'failed' ? <ErrorNotice error={phase.error} /> : null}
      {phase.kind === 'working' ? (
        <Working
          step={phase.step}
          bankName={selected?.bankName}
          confirming={
            <p className="confirming">
              Pay <strong>{amount}</strong> to <strong>{payee}</strong> ({request.requester.domain})
              {selected ? ` from ${selected.name} ${selected.maskedNumber}` : ''}.
            </p>
          }
        />
      ) : null}

      <p className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void approve()}
          disabled={working || !selected}
        >
          {working && !phase.declining ? 'Paying…' : `Pay ${amount}`}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void refuse()}
          disabled={working}
        >
          Decline
        </button>
      </p>
    </Screen>
  );
}
