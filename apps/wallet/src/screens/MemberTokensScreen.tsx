import { useQuery } from '@tanstack/react-query';
import { listMemberTokens } from '@tokenos/sdk';
import { useState } from 'react';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { CreateMemberTokenForm } from '../member-tokens/CreateMemberTokenForm.tsx';
import { MemberTokenCard } from '../member-tokens/MemberTokenCard.tsx';
import { useMember } from '../wallet/member.ts';
import { useApps } from '../wallet/queries.ts';

/**
 * OpenToken member tokens (issue 7): tokens that let a merchant charge the user later within set
 * limits; each with its usage against every limit, its code (QR and text, both formats), revoke.
 */
export function MemberTokensScreen() {
  const member = useMember();
  const apps = useApps();
  const [creating, setCreating] = useState(false);
  // One notice at a time, about the last thing done: a "created" notice goes once a token is revoked.
  const [notice, setNotice] = useState<string>();
  const tokens = useQuery({
    queryKey: ['member-tokens'],
    queryFn: () => listMemberTokens(member),
  });
  const live = tokens.data?.filter((t) => t.status === 'active' || t.status === 'pending') ?? [];
  const ended = tokens.data?.filter((t) => t.status !== 'active' && t.status !== 'pending') ?? [];
  const newButton = (
    <button
      type="button"
      className="button button-primary"
      onClick={() => {
        setNotice(undefined);
        setCreating(true);
      }}
    >
      Let a shop charge you later
    </button>
  );
  return (
    <Screen title="Subscriptions and saved permissions" className="member-tokens">
      <p className="lede">
        Shops you let charge you later (a subscription, a saved way to pay), each within limits you chose.
        Revoke any of them at any time.
      </p>
      <p className="notice-slot" role="status">
        {notice ? <span className="notice notice-ok">{notice}</span> : null}
      </p>
      {creating ? (
        <CreateMemberTokenForm
          onCancel={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setNotice(
              token.status === 'active'
                ? 'Saved. The shop can now charge you within your limits. Show it the code below, or copy it.'
                : 'Saved. Your bank has not confirmed it yet.',
            );
          }}
        />
      ) : tokens.data && live.length > 0 ? (
        <p className="actions">{newButton}</p>
      ) : null}
      {tokens.isPending ? (
        <Loading>Reading your subscriptions and saved permissions…</Loading>
      ) : tokens.isError ? (
        <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : live.length === 0 && !creating ? (
        <div className="empty card">
          <h2>No merchant can charge you</h2>
          <p>
            Let a shop charge you later here, or choose “Save for later” or “Subscribe” in a shop that offers
            it.
          </p>
          <p className="actions">{newButton}</p>
        </div>
      ) : (
        <ul className="token-list" aria-label="Your subscriptions and saved permissions">
          {live.map((t) => (
            <MemberTokenCard
              key={t.tokenId}
              token={t}
              apps={apps.data}
              onRevoked={(name) => setNotice(`Revoked. ${name} can no longer charge you.`)}
            />
          ))}
        </ul>
      )}
      {ended.length > 0 ? (
        <details className="past">
          <summary>Revoked and ended ({ended.length})</summary>
          <ul className="token-list">
            {ended.map((t) => (
              <MemberTokenCard key={t.tokenId} token={t} apps={apps.data} />
            ))}
          </ul>
        </details>
      ) : null}
    </Screen>
  );
}
