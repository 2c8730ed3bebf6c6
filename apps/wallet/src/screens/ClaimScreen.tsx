import { ApiError, type ClaimInProgress, finishClaim, startClaim } from '@tokenos/sdk';
import { type FormEvent, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useT } from '../i18n/use-t.ts';
import { navigate } from '../router.ts';
import { routes } from '../routes.ts';
import { cloudClient, walletKeyStore } from '../wallet/member.ts';
import { useWallet } from '../wallet/WalletProvider.tsx';
import { claimMessages } from './ClaimScreen.messages.ts';
import { CodeField, EmailField, SendCodeActions } from './email-fields.tsx';
import { useAction } from './use-action.ts';

/** Says plainly why a code did not work; the SDK's codes, never its messages. */
function ClaimError({ error }: { error: unknown }) {
  const t = useT(claimMessages);
  if (error instanceof ApiError && error.code === 'Forbidden' && error.field === 'code')
    return (
      <p className="notice notice-error" role="alert">
        {t('wrongCode')}
      </p>
    );
  if (error instanceof ApiError && error.code === 'Expired')
    return (
      <p className="notice notice-error" role="alert">
        {t('expired')}
      </p>
    );
  if (error instanceof ApiError && error.code === 'Conflict')
    return (
      <p className="notice notice-error" role="alert">
        {t('claimed')}
      </p>
    );
  return <ErrorNotice error={error} />;
}

/**
 * Claims a membership a shop opened for the user's email (issue 9): a code to that address, then
 * this device's keys are bound to the member (the SDK checks the member's whole log), and the wallet
 * works as that member. A passkey is added next, on the setup screen.
 */
export function ClaimScreen({ searchParams }: { searchParams: URLSearchParams }) {
  const { state, save } = useWallet();
  const [address, setAddress] = useState(searchParams.get('email') ?? '');
  const [claim, setClaim] = useState<ClaimInProgress & { address: string }>();
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();
  const t = useT(claimMessages);

  if (state.status === 'ready')
    return (
      <Screen title={t('haveTitle')}>
        <p className="lede">{t('haveText')}</p>
        <p className="actions">
          <Link to={routes.home} className="button button-secondary">
            {t('toWallet')}
          </Link>
        </p>
      </Screen>
    );

  const send = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const value = address.trim().toLowerCase();
      const started = await startClaim(cloudClient(), walletKeyStore(), { type: 'EMAIL', value });
      setClaim({ ...started, address: value });
      setCode('');
    });
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (!claim) return;
    void run(async () => {
      const { member, alias } = await finishClaim(cloudClient(), walletKeyStore(), claim, code.trim());
      const now = Date.now();
      await save({
        memberId: member.id,
        createdAt: now,
        passkeys: [],
        email: { address: claim.address, salt: alias.salt, verifiedAt: now },
      });
      navigate(routes.setup);
    });
  };

  return (
    <Screen title={t('title')} className="setup">
      <p className="lede">{t('lede')}</p>
      {claim ? (
        <form className="form" onSubmit={confirm}>
          <p className="form-hint" role="status">
            {t.rich('sent', {
              address: claim.address,
              strong: (chunks) => <strong key="address">{chunks}</strong>,
            })}
          </p>
          {error ? <ClaimError error={error} /> : null}
          <CodeField id="claim-code" value={code} onChange={setCode} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy || code.length !== 6}>
              {busy ? t('claiming') : t('claim')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setClaim(undefined)}>
              {t('otherAddress')}
            </button>
          </div>
        </form>
      ) : (
        <form className="form" onSubmit={send}>
          {error ? <ClaimError error={error} /> : null}
          <EmailField id="claim-email" label={t('emailLabel')} value={address} onChange={setAddress} />
          <SendCodeActions busy={busy} address={address} />
        </form>
      )}
    </Screen>
  );
}
