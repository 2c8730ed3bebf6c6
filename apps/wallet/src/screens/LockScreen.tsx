import { useQuery } from '@tanstack/react-query';
import { randomBytes } from '@tokenos/sdk';
import { useState } from 'react';
import { parseRequestId } from '../api.ts';
import { loadTokenRequest } from '../approve/request.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useFormat, useT } from '../i18n/use-t.ts';
import { useLocation } from '../router.ts';
import { normalizePath, routes } from '../routes.ts';
import { useDeliverChanges } from '../wallet/deliver-changes.ts';
import { lockAfterMs, useLock } from '../wallet/lock.tsx';
import { cloudClient, memberFor, walletKeyStore } from '../wallet/member.ts';
import { passkeyAssertion } from '../wallet/passkey.ts';
import { useReadyWallet } from '../wallet/WalletProvider.tsx';
import { lockMessages } from './LockScreen.messages.ts';

/**
 * Shown instead of any screen while the wallet is locked. Unlocking asks for one of this wallet's
 * passkeys with user verification over a random local challenge: it proves the person at the
 * device, not a payment, so the cloud is not involved. The keys stay in WebCrypto either way.
 */
export function LockScreen() {
  const { wallet } = useReadyWallet();
  const { unlock } = useLock();
  const t = useT(lockMessages);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const ids = wallet.passkeys.map((p) => p.credentialId);
  const deliver = useDeliverChanges(memberFor(wallet.memberId));

  const tryUnlock = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const response = await passkeyAssertion(randomBytes(32), ids);
      // Only this wallet's own passkey unlocks it (user.id is the member id's bytes).
      if (
        !ids.includes(response.rawId) ||
        (response.response.userHandle && response.response.userHandle !== wallet.memberId)
      )
        throw Object.assign(new Error('a passkey of another wallet answered'), { code: 'ScaFailed' });
      unlock();
      // A wallet from before its keys were WebCrypto's moves them in now (member.ts); a failure is
      // tried again when a key is next used.
      void walletKeyStore()
        .migration()
        .catch(() => undefined);
      // Banks that missed a change while unreachable get it now (log-delivery.ts).
      void deliver({ afterChange: false });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('title')} className="lock" focusHeading>
      <p className="lede">{t('lede', { minutes: Math.round(lockAfterMs / 60_000) })}</p>
      <Waiting />
      {error ? <ErrorNotice error={error} /> : null}
      <p className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void tryUnlock()}
          disabled={busy}
        >
          {busy ? t('busy') : t('unlock')}
        </button>
      </p>
    </Screen>
  );
}

/**
 * Locked while a payment waits (the popup stayed open): who asks and how much, so the person
 * knows why to unlock. The same query as the approval page, so usually already loaded.
 */
function Waiting() {
  const { pathname, searchParams } = useLocation();
  const t = useT(lockMessages);
  const fmt = useFormat();
  const requestId =
    normalizePath(pathname) === routes.approve ? parseRequestId(searchParams.get('request')) : undefined;
  const query = useQuery({
    queryKey: ['approve-request', requestId],
    queryFn: () => loadTokenRequest(cloudClient(), requestId ?? ''),
    enabled: requestId !== undefined,
  });
  const request = query.data?.status === 'pending' ? query.data.request : undefined;
  if (request?.body.kind !== 'transfer') return null;
  return (
    <p className="card lock-waiting">
      {t.rich('waiting', {
        merchant: request.requester.name,
        amount: fmt.money(request.body.amount),
        strong: (chunks) => <strong key="merchant">{chunks}</strong>,
        money: (chunks) => (
          <strong key="amount" className="amount-small">
            {chunks}
          </strong>
        ),
      })}
    </p>
  );
}
