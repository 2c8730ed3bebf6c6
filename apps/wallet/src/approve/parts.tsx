import type { TokenRequest } from '@tokenos/protocol';
import { Fragment, type ReactNode } from 'react';
import { Link } from '../components/Link.tsx';
import { ErrorNotice, Loading, Warning } from '../components/Notice.tsx';
import { PasskeyPrompt } from '../components/PasskeyPrompt.tsx';
import { Screen } from '../components/Screen.tsx';
import { useT } from '../i18n/use-t.ts';
import { routes } from '../routes.ts';
import { cancelPasskeyPrompt } from '../wallet/passkey.ts';
import type { Step } from './flows.ts';
import { partsMessages } from './parts.messages.ts';
import type { Returned } from './return.ts';
import type { Phase } from './use-approval.ts';

/** Who is asking: the name and domain from the signed request, and whether the cloud verified the domain. */
export function RequesterCard({
  request,
  domainVerified,
  label,
}: {
  request: TokenRequest;
  domainVerified: boolean;
  label: string;
}) {
  const { name, domain } = request.requester;
  const t = useT(partsMessages);
  return (
    <section className="requester card" aria-labelledby="requester-name">
      <p className="eyebrow">{label}</p>
      <h2 id="requester-name" className="requester-name">
        {name}
      </h2>
      <p className="requester-domain">
        <span>{domain}</span>
        {domainVerified ? (
          <span className="badge badge-ok">
            <span aria-hidden="true">✓ </span>
            {t('verifiedDomain')}
          </span>
        ) : (
          <span className="badge badge-warn">{t('notVerified')}</span>
        )}
      </p>
      {domainVerified ? null : (
        <Warning title={t('unverifiedTitle')}>
          <p>
            {t
              .rich<ReactNode>('unverifiedBody', {
                domain,
                name,
                strong: (chunks) => <strong>{chunks}</strong>,
              })
              .map((part, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed sentence
                <Fragment key={i}>{part}</Fragment>
              ))}
          </p>
        </Warning>
      )}
    </section>
  );
}

/** Progress while approving; the passkey step shows what it confirms right above the browser's prompt. */
export function Working({
  step,
  confirming,
  bankName,
}: {
  step: Step;
  confirming: ReactNode;
  bankName?: string | undefined;
}) {
  const t = useT(partsMessages);
  if (step === 'passkey') return <PasskeyPrompt onCancel={cancelPasskeyPrompt}>{confirming}</PasskeyPrompt>;
  if (step === 'bank') return <Loading>{bankName ? t('bank', { bank: bankName }) : t('yourBank')}</Loading>;
  return <Loading>{t(step)}</Loading>;
}

/**
 * Below the choices: what went wrong, or the progress while working. A failure that may pass (the
 * bank has not answered yet, say) offers `onRetry` right where the user reads it; it should be what
 * the approve button does, so that a retry resumes what the failed attempt left.
 */
export function PhaseNotice({
  phase,
  confirming,
  bankName,
  onRetry,
}: {
  phase: Phase;
  confirming: ReactNode;
  bankName?: string | undefined;
  onRetry?: (() => void) | undefined;
}) {
  if (phase.kind === 'failed') return <ErrorNotice error={phase.error} onRetry={onRetry} />;
  if (phase.kind === 'working')
    return <Working step={phase.step} confirming={confirming} bankName={bankName} />;
  return null;
}

/** Approve and decline; while working both are off, and the one pressed says so. */
export function ApprovalActions({
  phase,
  approve,
  decline,
  onApprove,
  onDecline,
  canApprove,
}: {
  phase: Phase;
  /** The approve button's label, and its label while approving. */
  approve: { label: string; working: string };
  decline: string;
  onApprove: () => void;
  onDecline: () => void;
  canApprove: boolean;
}) {
  const working = phase.kind === 'working';
  // A sticky footer: the answer stays in view on a 720 px popup or a phone, however long the request.
  return (
    <div className="approve-footer">
      <p className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={onApprove}
          disabled={working || !canApprove}
        >
          {working && !phase.declining ? approve.working : approve.label}
        </button>
        <button type="button" className="button button-secondary" onClick={onDecline} disabled={working}>
          {decline}
        </button>
      </p>
    </div>
  );
}

export function Finished({
  outcome,
  returned,
  requesterName,
  kind,
}: {
  outcome: 'approved' | 'declined';
  returned: Returned;
  requesterName: string;
  kind: 'payment' | 'access';
}) {
  const t = useT(partsMessages);
  const title =
    outcome === 'approved'
      ? kind === 'payment'
        ? t('paymentApproved')
        : t('accessAllowed')
      : kind === 'payment'
        ? t('paymentDeclined')
        : t('accessNotAllowed');
  return (
    <Screen title={title} className="approve approve-done" focusHeading>
      <p className="lede">{t(returned, { name: requesterName })}</p>
      {outcome === 'declined' ? <p>{t('nothingDone')}</p> : null}
      {returned === 'none' ? (
        <p className="actions">
          <Link to={kind === 'payment' ? routes.activity : routes.grants} className="button button-secondary">
            {kind === 'payment' ? t('seePayments') : t('seeApps')}
          </Link>
        </p>
      ) : null}
    </Screen>
  );
}
