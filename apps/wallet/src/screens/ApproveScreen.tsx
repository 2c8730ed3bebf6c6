import { useQuery } from '@tanstack/react-query';
import { ApiError, getJson, parseRequestId, tokenRequestPath } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { Screen } from '../components/Screen.tsx';
import { routes } from '../routes.ts';

type Failure = 'missing' | 'malformed' | 'not-found' | 'ended' | 'unreachable' | 'refused';

const reasons: Record<Failure, string> = {
  missing: 'The link that opened this page has no payment request in it.',
  malformed: 'The link that opened this page is incomplete or damaged.',
  'not-found': 'The shop’s payment request does not exist, or it has expired.',
  ended: 'The payment request has expired or was cancelled.',
  unreachable: 'The wallet could not reach the payment service. Check your connection, then try again.',
  refused: 'The payment service could not give the wallet this request.',
};

function failureOf(error: unknown): Failure {
  if (!(error instanceof ApiError) || error.transient) return 'unreachable';
  if (error.code === 'Expired' || error.code === 'Cancelled' || error.status === 410) return 'ended';
  if (error.code === 'NotFound' || error.status === 404) return 'not-found';
  return 'refused';
}

/** Opened by a merchant's checkout widget (popup or redirect) with `?request=<token request id>`. */
export function ApproveScreen({ searchParams }: { searchParams: URLSearchParams }) {
  const raw = searchParams.get('request');
  const requestId = parseRequestId(raw);
  const query = useQuery({
    queryKey: ['token-request', requestId],
    queryFn: ({ signal }) => getJson(tokenRequestPath(requestId ?? ''), signal),
    enabled: requestId !== undefined,
  });

  if (requestId === undefined) return <LoadFailed failure={raw === null ? 'missing' : 'malformed'} />;
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
  return (
    <Screen title="This wallet cannot approve this request yet" className="approve" focusHeading>
      <p className="lede">
        The payment request was found, but this version of the wallet cannot show or approve it. Nothing has
        been paid.
      </p>
      <WhatToDo />
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
