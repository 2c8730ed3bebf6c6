import { useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode, useEffect } from 'react';
import { parseRequestId } from '../api.ts';
import { AccessApproval } from '../approve/AccessApproval.tsx';
import { MemberTokenApproval } from '../approve/MemberTokenApproval.tsx';
import { PaymentApproval } from '../approve/PaymentApproval.tsx';
import { type LoadedRequest, loadTokenRequest, parseNonce } from '../approve/request.ts';
import { endDetour } from '../checkout-detour.ts';
import { Link } from '../components/Link.tsx';
import { Screen } from '../components/Screen.tsx';
import { useFormat, useT } from '../i18n/use-t.ts';
import { routes } from '../routes.ts';
import { cloudClient, useMember } from '../wallet/member.ts';
import { useTokens } from '../wallet/queries.ts';
import { isSetUp, useWallet } from '../wallet/WalletProvider.tsx';
import { type RequestFailure, requestFailure } from '../words.ts';
import { approveScreenMessages } from './ApproveScreen.messages.ts';

type Failure = 'missing' | 'malformed' | RequestFailure;

const reasons = {
  missing: 'missing',
  malformed: 'malformed',
  'not-found': 'notFound',
  ended: 'ended',
  unreachable: 'unreachable',
  refused: 'refused',
  tampered: 'tampered',
} as const satisfies Record<Failure, string>;

/**
 * Opened by a merchant's checkout widget (popup or redirect) with `?request=<id>&nonce=<n>`:
 * loads and checks the request, makes sure there is a wallet to answer with, then shows the
 * payment or the access grant for approval.
 */
export function ApproveScreen({ searchParams }: { searchParams: URLSearchParams }) {
  const raw = searchParams.get('request');
  const requestId = parseRequestId(raw);
  const nonce = parseNonce(searchParams.get('nonce'));
  const { state } = useWallet();
  const t = useT(approveScreenMessages);
  useEffect(endDetour, []);
  const query = useQuery({
    queryKey: ['approve-request', requestId],
    queryFn: () => loadTokenRequest(cloudClient(), requestId ?? ''),
    enabled: requestId !== undefined && nonce !== undefined,
    // A request is answered once; what the page shows must be what the cloud holds now.
    staleTime: 0,
  });

  if (requestId === undefined) return <LoadFailed failure={raw === null ? 'missing' : 'malformed'} />;
  if (nonce === undefined) return <LoadFailed failure="malformed" />;
  if (query.isPending) {
    return (
      <Screen title={t('loadingTitle')} documentTitle={t('documentTitle')} className="approve">
        <div className="loading" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          <span>{t('loadingBody')}</span>
        </div>
      </Screen>
    );
  }
  if (query.isError) {
    const failure = requestFailure(query.error);
    return (
      <LoadFailed
        failure={failure}
        retrying={query.isFetching}
        onRetry={failure === 'unreachable' ? () => void query.refetch() : undefined}
      />
    );
  }
  const loaded = query.data;
  if (state.status === 'loading') return null;
  if (loaded.status !== 'pending')
    return <AlreadyAnswered loaded={loaded} own={state.status === 'ready' && isSetUp(state.wallet)} />;
  if (state.status !== 'ready' || !isSetUp(state.wallet))
    return <NeedsWallet loaded={loaded} exists={state.status === 'ready'} />;
  if (loaded.request.body.kind === 'memberToken')
    return <MemberTokenApproval loaded={loaded} nonce={nonce} />;
  return loaded.request.body.kind === 'transfer' ? (
    <PaymentApproval loaded={loaded} nonce={nonce} />
  ) : (
    <AccessApproval loaded={loaded} nonce={nonce} />
  );
}

function AlreadyAnswered({ loaded, own }: { loaded: LoadedRequest; own: boolean }) {
  const expired = loaded.status === 'expired';
  const t = useT(approveScreenMessages);
  if (!expired && own) return <AnsweredHere loaded={loaded} />;
  const name = loaded.request.requester.name;
  return (
    <Screen
      title={expired ? t('expiredTitle') : t('answeredTitle')}
      className="approve approve-failed"
      focusHeading
    >
      <p className="lede">
        {expired ? t('expiredBody', { name }) : t('answeredBody', { name, status: loaded.status })}
      </p>
      {expired ? <WhatToDo /> : <BackTo loaded={loaded} />}
    </Screen>
  );
}

/**
 * A request this wallet answered (a used approval link, reached again by Back): what happened,
 * from the wallet's own tokens for that request, and the way back to the requester.
 */
function AnsweredHere({ loaded }: { loaded: LoadedRequest }) {
  const member = useMember();
  const tokens = useTokens(member, 'transfer');
  const name = loaded.request.requester.name;
  const body = loaded.request.body;
  const t = useT(approveScreenMessages);
  const fmt = useFormat();
  const paid = tokens.data?.find((token) => token.requestId === loaded.id && token.endorsement !== null);
  if (loaded.status === 'declined')
    return (
      <Screen title={t('declinedTitle')} className="approve approve-done" focusHeading>
        <p className="lede">{t('declinedBody', { name })}</p>
        <BackTo loaded={loaded} />
      </Screen>
    );
  if (body.kind !== 'transfer' || !paid)
    return (
      <Screen title={t('approvedTitle')} className="approve approve-failed" focusHeading>
        <p className="lede">
          {tokens.isPending ? t('approvedHere', { name }) : t('approvedElsewhere', { name })}
        </p>
        <BackTo loaded={loaded} />
      </Screen>
    );
  const at = new Date(paid.endorsement?.createdAt ?? paid.createdAt);
  const now = Date.now();
  return (
    <Screen title={t('paidTitle')} className="approve approve-done" focusHeading>
      <p className="lede">
        {t
          .rich<ReactNode>('paidBody', {
            amount: fmt.money(body.amount),
            name,
            sameDay: at.toDateString() === new Date(now).toDateString() ? 'yes' : 'no',
            when: fmt.when(at.getTime(), now),
            strong: (chunks) => <strong>{chunks}</strong>,
            time: (chunks) => <time dateTime={at.toISOString()}>{chunks}</time>,
          })
          .map((part, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed sentence
            <Fragment key={i}>{part}</Fragment>
          ))}
      </p>
      <BackTo loaded={loaded} />
    </Screen>
  );
}

/** The way back to the requester: its redirect URL, else its origin, both from the signed request. */
function BackTo({ loaded }: { loaded: LoadedRequest }) {
  const { request } = loaded;
  const t = useT(approveScreenMessages);
  return (
    <p className="actions">
      <a className="button button-primary" href={request.redirectUrl ?? request.returnOrigin}>
        {t('backTo', { name: request.requester.name })}
      </a>
    </p>
  );
}

function NeedsWallet({ loaded, exists }: { loaded: LoadedRequest; exists: boolean }) {
  const here = window.location.pathname + window.location.search;
  const t = useT(approveScreenMessages);
  return (
    <Screen title={exists ? t('finishTitle') : t('createTitle')} className="approve" focusHeading>
      <p className="lede">
        {t('asks', { name: loaded.request.requester.name, kind: loaded.request.body.kind })}{' '}
        {exists ? t('finishBody') : t('createBody')}
      </p>
      <p className="actions">
        <Link to={`${routes.setup}?next=${encodeURIComponent(here)}`} className="button button-primary">
          {exists ? t('finishButton') : t('createButton')}
        </Link>
      </p>
    </Screen>
  );
}

function LoadFailed({
  failure,
  retrying = false,
  onRetry,
}: {
  failure: Failure;
  retrying?: boolean;
  onRetry?: (() => void) | undefined;
}) {
  const t = useT(approveScreenMessages);
  return (
    <Screen
      title={t('failedTitle')}
      documentTitle={t('failedDocumentTitle')}
      className="approve approve-failed"
      focusHeading
    >
      <p className="lede">{t(reasons[failure])}</p>
      <WhatToDo onRetry={onRetry} retrying={retrying} />
    </Screen>
  );
}

function WhatToDo({ onRetry, retrying = false }: { onRetry?: (() => void) | undefined; retrying?: boolean }) {
  // A popup opened by the shop can simply close; a page reached by redirect offers the start page.
  const isPopup = window.opener !== null;
  const t = useT(approveScreenMessages);
  return (
    <section aria-labelledby="what-to-do" className="what-to-do">
      <h2 id="what-to-do">{t('whatToDo')}</h2>
      <ul>
        <li>{t('nothingDone')}</li>
        <li>{t('startAgain')}</li>
        <li>{t('keepsHappening')}</li>
      </ul>
      <p className="actions">
        {onRetry ? (
          <button type="button" className="button button-primary" onClick={onRetry} disabled={retrying}>
            {retrying ? t('tryingAgain') : t('tryAgain')}
          </button>
        ) : null}
        {isPopup ? (
          <button type="button" className="button button-secondary" onClick={() => window.close()}>
            {t('closeWindow')}
          </button>
        ) : (
          <Link to={routes.home} className="button button-secondary">
            {t('goToWallet')}
          </Link>
        )}
      </p>
    </section>
  );
}
