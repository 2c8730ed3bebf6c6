import { finishPairing, type NewDevicePairing, pairingStatus, startPairing } from '@tokenos/sdk';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useT } from '../i18n/use-t.ts';
import { QrCode } from '../member-tokens/QrCode.tsx';
import { routes } from '../routes.ts';
import { cloudClient, memberFor, walletKeyStore } from '../wallet/member.ts';
import { deviceParts, pairingQrText, spacedCode } from '../wallet/pairing-qr.ts';
import { createPasskey } from '../wallet/passkey.ts';
import { useWallet } from '../wallet/WalletProvider.tsx';
import { pairMessages } from './PairScreen.messages.ts';
import { useAction } from './use-action.ts';

/** How often the new device asks whether the other one added it (the code lives 10 minutes). */
const pollMs = 1500;

/**
 * "I already have a wallet": this device makes its own keys (they never leave it), shows a short
 * code and a QR code for a device that holds the wallet, waits until that device added the keys,
 * then gets a passkey of its own.
 */
export function PairScreen() {
  const t = useT(pairMessages);
  const { state, save } = useWallet();
  const [pairing, setPairing] = useState<NewDevicePairing>();
  const [expired, setExpired] = useState(false);
  const start = useAction();
  const [pollError, setPollError] = useState<unknown>();
  const passkey = useAction();
  const parts = deviceParts(navigator.userAgent);
  const [name, setName] = useState(
    parts.system ? t('defaultName', parts) : t('defaultNameNoSystem', { browser: parts.browser }),
  );

  useEffect(() => {
    if (!pairing || expired) return;
    let live = true;
    const poll = async () => {
      const status = await pairingStatus(cloudClient(), pairing.pairingId);
      if (!live) return;
      if (status.status === 'expired') setExpired(true);
      if (status.status !== 'completed' || !status.memberId) return;
      live = false;
      clearInterval(timer);
      await finishPairing(cloudClient(), walletKeyStore(), {
        provisionalId: pairing.provisionalId,
        memberId: status.memberId,
      });
      // The email stays on the device that verified it; this one does not ask for it again.
      await save({ memberId: status.memberId, createdAt: Date.now(), passkeys: [], emailSkipped: true });
    };
    const timer = setInterval(() => {
      poll().then(
        () => setPollError(undefined),
        (e: unknown) => setPollError(e),
      );
    }, pollMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [pairing, expired, save]);

  const wallet = state.status === 'ready' ? state.wallet : undefined;
  if (wallet && wallet.passkeys.length > 0)
    return (
      <Screen title={pairing ? t('readyTitle') : t('haveWalletTitle')}>
        <p className="lede">{pairing ? t('readyText') : t('haveWalletText')}</p>
        <p className="actions">
          <Link to={routes.link} className="button button-primary">
            {t('linkBank')}
          </Link>
          <Link to={routes.home} className="button button-secondary">
            {t('toWallet')}
          </Link>
        </p>
      </Screen>
    );

  if (wallet)
    return (
      <Screen title={t('addedTitle')}>
        <p className="lede">{t('addedText')}</p>
        {passkey.error ? <ErrorNotice error={passkey.error} /> : null}
        <p className="actions">
          <button
            type="button"
            className="button button-primary"
            disabled={passkey.busy}
            onClick={() =>
              void passkey.run(async () => {
                const entry = await createPasskey(
                  memberFor(wallet.memberId),
                  `Token Wallet ${wallet.memberId.slice(0, 8)}`,
                );
                await save({
                  ...wallet,
                  passkeys: [
                    ...wallet.passkeys,
                    { credentialId: entry.credentialId, createdAt: entry.createdAt },
                  ],
                });
              })
            }
          >
            {passkey.busy ? t('waitingPasskey') : t('addPasskey')}
          </button>
        </p>
      </Screen>
    );

  const begin = (event: FormEvent) => {
    event.preventDefault();
    void start.run(async () => {
      setExpired(false);
      setPairing(await startPairing(cloudClient(), walletKeyStore(), { deviceName: name.trim() }));
    });
  };

  if (!pairing || expired)
    return (
      <Screen title={t('title')}>
        <p className="lede">{t('lede')}</p>
        {expired ? <p className="notice notice-warning">{t('expired')}</p> : null}
        {start.error ? <ErrorNotice error={start.error} /> : null}
        <form onSubmit={begin} className="form">
          <label htmlFor="device-name">{t('nameLabel')}</label>
          <input
            id="device-name"
            value={name}
            maxLength={60}
            required
            onChange={(e) => setName(e.target.value)}
          />
          <p className="form-hint">{t('nameHint')}</p>
          <p className="actions">
            <button type="submit" className="button button-primary" disabled={start.busy || !name.trim()}>
              {start.busy ? t('making') : t('showCode')}
            </button>
            <Link to={routes.home} className="button button-secondary">
              {t('back')}
            </Link>
          </p>
        </form>
      </Screen>
    );

  return (
    <Screen title={t('codeTitle')}>
      <p className="lede">{t('codeText')}</p>
      <p>
        <span className="visually-hidden">{t('codeLabel')} </span>
        <strong className="pairing-code" data-testid="pairing-code">
          {spacedCode(pairing.code)}
        </strong>
      </p>
      <QrCode text={pairingQrText(pairing)} label={t('qrLabel')} />
      <p className="muted">{t('sameCode')}</p>
      {pollError ? <ErrorNotice error={pollError} /> : null}
      <p role="status">{t('waiting')}</p>
    </Screen>
  );
}
