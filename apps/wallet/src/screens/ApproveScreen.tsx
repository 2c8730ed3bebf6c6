import { useQuery } from '@tanstack/react-query';
import { ApiError } from '@tokenos/sdk';
import { useEffect } from 'react';
import { parseRequestId } from '../api.ts';
import { AccessApproval } from '../approve/AccessApproval.tsx';
import { MemberTokenApproval } from '../approve/MemberTokenApproval.tsx';
import { PaymentApproval } from '../approve/PaymentApproval.tsx';
import { type LoadedRequest, loadTokenRequest, parseNonce } from '../approve/request.ts';
import { endDetour } from '../checkout-detour.ts';
import { Link } from '../components/Link.tsx';
import { Screen } from '../components/Screen.tsx';
import { formatMoney } from '../format.ts';
import { routes } from '../routes.ts';
import { cloudClient, useMember } from '../wallet/member.ts';
import { useTokens } from '../wallet/queries.ts';
import { isSetUp, useWallet } from '../wallet/WalletProvider.tsx';

type Failure = 'missing' | 'malformed' | 'not-found' | 'ended' | 'unreachable' | 'refused' | 'tampered';

const reasons: Record<Failure, string> = {
  missing: 'The link that opened this page has no payment request in it.',
  malformed: 'The link that opened this page is incomplete or damaged.',
  'not-found': 'The shop’s payment request does not exist, or it has expired.',
  ended: 'The payment request has expired or was cancelled.',
  unreachable: 'The wallet could not reach the payment service. Check your connection, then try again.',
  refused: 'The payment service could not give the wallet this request.',
  tampered: 'The request does not carry a valid signature of the shop or app that made it.',
};

function failureOf(error: unknown): Failure {
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : undefined;
  if (code === 'InvalidSignature' || code === 'BrokenChain' || code === 'Forked' || code === 'StaleLog')
    return 'tampered';
  if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) {
    return code === 'Malformed' ? 'refused' : 'unreachable';
  }
  if (code === 'Expired' || code === 'Cancelled' || error.status === 410) return 'ended';
  if (code === 'NotFound' || error.status === 404) return 'not-found';
  return 'refused';
}

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
      <Screen title="Loading request…" documentTitle="Payment request" className="approve">
        <div className="loading" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          <span>Getting the payment details from the payment service.</span>
        </div>
      </Screen>
    );
  }
  if (query.isError) {
    const failure = failureOf(query.error);
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
  if (!expired && own) return <AnsweredHere loaded={loaded} />;
  return (
    <Screen
      title={expired ? 'This request has expired' : 'This request was already answered'}
      className="approve approve-failed"
      focusHeading
    >
      <p className="lede">
        {expired
          ? `The request from ${loaded.request.requester.name} is too old to approve. Nothing was paid or shared.`
          : `The request from ${loaded.request.requester.name} was ${loaded.status} already, in this window or another.`}
      </p>
      {expired ? <WhatToDo /> : <BackTo loaded={loaded} />}
    </Screen>
  );
}

/** "17:36" today, "7 Dec, 17:36" on another day: the user's own locale and time zone (Intl). */
function whenPaid(at: Date, now = new Date()): string {
  const sameDay = at.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(undefined, {
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
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
  const paid = tokens.data?.find((t) => t.requestId === loaded.id && t.endorsement !== null);
  if (loaded.status === 'declined')
    return (
      <Screen title="You declined this request" className="approve approve-done" focusHeading>
        <p className="lede">You declined the request from {name}. Nothing was paid and nothing was shared.</p>
        <BackTo loaded={loaded} />
      </Screen>
    );
  if (body.kind !== 'transfer' || !paid)
    return (
      <Screen title="This request was already approved" className="approve approve-failed" focusHeading>
        <p className="lede">
          {tokens.isPending
            ? `You approved the request from ${name} already.`
            : `The request from ${name} was approved already, in this window or another.`}
        </p>
        <BackTo loaded={loaded} />
      </Screen>
    );
  const at = new Date(paid.endorsement?.createdAt ?? paid.createdAt);
  return (
    <Screen title="You paid already" className="approve approve-done" focusHeading>
      <p className="lede">
        You paid <strong>{formatMoney(body.amount)}</strong> to {name} at{' '}
        <time dateTime={at.toISOString()}>{whenPaid(at)}</time>. This request is done: it cannot be paid
        again.
      </p>
      <BackTo loaded={loaded} />
    </Screen>
  );
}

/** The way back to the requester: its redirect URL, else its origin, both from the signed request. */
function BackTo({ loaded }: { loaded: LoadedRequest }) {
  const { request } = loaded;
  return (
    <p className="actions">
      <a className="button button-primary" href={request.redirectUrl ?? request.returnOrigin}>
        Back to {request.requester.name}
      </a>
    </p>
  );
}

function NeedsWallet({ loaded, exists }: { loaded: LoadedRequest; exists: boolean }) {
  const here = window.location.pathname + window.location.search;
  const kind = loaded.request.body.kind;
  const what =
    kind === 'transfer' ? 'pay' : kind === 'memberToken' ? 'allow later charges' : 'share your accounts';
  return (
    <Screen
      title={exists ? 'Finish setting up your wallet' : 'Create a wallet to continue'}
      className="approve"
      focusHeading
    >
      <p className="lede">
        {loaded.request.requester.name} asks you to {what} with Token Wallet.{' '}
        {exists
          ? 'Add a passkey to your wallet first; then come back here.'
          : 'This device has no wallet yet. Creating one takes about a minute; then you come back here.'}
      </p>
      <p className="actions">
        <Link to={`${routes.setup}?next=${encodeURIComponent(here)}`} className="button button-primary">
          {exists ? 'Finish setting up' : 'Create wallet'}
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
  return (
    <Screen
      title="This payment request could not be loaded"
      documentTitle="Payment request not loaded"
      className="approve approve-failed"
      focusHeading
    >
      <p className="lede">{reasons[failure]}</p>
      <WhatToDo onRetry={onRetry} retrying={retrying} />
    </Screen>
  );
}

function WhatToDo({ onRetry, retrying = false }: { onRetry?: (() => void) | undefined; retrying?: boolean }) {
  // A popup opened by the shop can simply close; a page reached by redirect offers the start page.
  const isPopup = window.opener !== null;
  return (
    <section aria-labelledby="what-to-do" className="what-to-do">
      <h2 id="what-to-do">What you can do</h2>
      <ul>
        <li>Nothing has been paid and nothing was shared with the shop.</li>
        <li>Go back to the shop and start the payment again.</li>
        <li>If it keeps happening, choose another way to pay or contact the shop.</li>
      </ul>
      <p className="actions">
        {onRetry ? (
          <button type="button" className="button button-primary" onClick={onRetry} disabled={retrying}>
            {retrying ? 'Trying again…' : 'Try again'}
          </button>
        ) : null}
        {isPopup ? (
          <button type="button" className="button button-secondary" onClick={() => window.close()}>
            Close and go back to the shop
          </button>
        ) : (
          <Link to={routes.home} className="button button-secondary">
            Go to the wallet
          </Link>
        )}
      </p>
    </section>
  );
}
