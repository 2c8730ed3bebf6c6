import { useQuery } from '@tanstack/react-query';
import { listMemberTokens } from '@tokenos/sdk';
import { useState } from 'react';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useT } from '../i18n/use-t.ts';
import { CreateMemberTokenForm } from '../member-tokens/CreateMemberTokenForm.tsx';
import { MemberTokenCard } from '../member-tokens/MemberTokenCard.tsx';
import { useMember } from '../wallet/member.ts';
import { useApps } from '../wallet/queries.ts';
import { memberTokensScreenMessages } from './MemberTokensScreen.messages.ts';

/**
 * OpenToken member tokens (issue 7): tokens that let a merchant charge the user later within set
 * limits; each with its usage against every limit, its code (QR and text, both formats), revoke.
 */
export function MemberTokensScreen() {
  const t = useT(memberTokensScreenMessages);
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
      {t('newButton')}
    </button>
  );
  return (
    <Screen title={t('title')} className="member-tokens">
      <p className="lede">{t('lede')}</p>
      <p className="notice-slot" role="status">
        {notice ? <span className="notice notice-ok">{notice}</span> : null}
      </p>
      {creating ? (
        <CreateMemberTokenForm
          onCancel={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setNotice(token.status === 'active' ? t('createdActive') : t('createdPending'));
          }}
        />
      ) : tokens.data && live.length > 0 ? (
        <p className="actions">{newButton}</p>
      ) : null}
      {tokens.isPending ? (
        <Loading>{t('loading')}</Loading>
      ) : tokens.isError ? (
        <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : live.length === 0 && !creating ? (
        <div className="empty card">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
          <p className="actions">{newButton}</p>
        </div>
      ) : (
        <ul className="token-list" aria-label={t('listLabel')}>
          {live.map((token) => (
            <MemberTokenCard
              key={token.tokenId}
              token={token}
              apps={apps.data}
              onRevoked={(name) => setNotice(t('revoked', { name }))}
            />
          ))}
        </ul>
      )}
      {ended.length > 0 ? (
        <details className="past">
          <summary>{t('ended', { count: ended.length })}</summary>
          <ul className="token-list">
            {ended.map((token) => (
              <MemberTokenCard key={token.tokenId} token={token} apps={apps.data} />
            ))}
          </ul>
        </details>
      ) : null}
    </Screen>
  );
}
