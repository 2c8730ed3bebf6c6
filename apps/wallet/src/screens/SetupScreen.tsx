import type { MessageKey } from '@tokenos/i18n';
import {
  ApiError,
  addAlias,
  completeAliasVerification,
  Member,
  removeAlias,
  startAliasVerification,
} from '@tokenos/sdk';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useT } from '../i18n/use-t.ts';
import { navigate } from '../router.ts';
import { routes } from '../routes.ts';
import { useDeliverChanges } from '../wallet/deliver-changes.ts';
import { cloudClient, memberFor, walletKeyStore } from '../wallet/member.ts';
import { createPasskey } from '../wallet/passkey.ts';
import { useWallet } from '../wallet/WalletProvider.tsx';
import type { WalletRecord } from '../wallet/wallet-db.ts';
import { CodeField, EmailField, SendCodeActions } from './email-fields.tsx';
import { getStartedMessages } from './GetStartedScreen.messages.ts';
import { setupMessages } from './SetupScreen.messages.ts';
import { useAction } from './use-action.ts';

type Step = 'keys' | 'passkey' | 'email' | 'done';
type SetupKey = MessageKey<typeof setupMessages>;

const steps = [
  { id: 'keys', title: 'keysTitle', text: 'keysText' },
  { id: 'passkey', title: 'passkeyTitle', text: 'passkeyText' },
  { id: 'email', title: 'emailTitle', text: 'emailText' },
] as const satisfies readonly { id: Exclude<Step, 'done'>; title: SetupKey; text: SetupKey }[];

function currentStep(wallet: WalletRecord | undefined): Step {
  if (!wallet) return 'keys';
  if (wallet.passkeys.length === 0) return 'passkey';
  if (!wallet.email?.verifiedAt && !wallet.emailSkipped) return 'email';
  return 'done';
}

/**
 * Keys on this device, then a passkey, then an email address: three steps, each saved as soon as
 * it is done, so a reload continues where the user left off.
 */
export function SetupScreen({ next }: { next?: string | undefined }) {
  const { state, save } = useWallet();
  const wallet = state.status === 'ready' ? state.wallet : undefined;
  const step = currentStep(wallet);
  const announce = useRef<HTMLParagraphElement>(null);
  const [message, setMessage] = useState('');
  const index = steps.findIndex((s) => s.id === step);
  const t = useT(setupMessages);
  const tStart = useT(getStartedMessages);

  const finish = async (updated: WalletRecord, said: string): Promise<void> => {
    await save(updated);
    setMessage(said);
  };

  useEffect(() => {
    if (message) announce.current?.focus();
  }, [message]);

  return (
    <Screen title={step === 'done' ? t('readyTitle') : t('createTitle')} className="setup">
      <p className="lede">{step === 'done' ? t('readyLede') : t('createLede')}</p>
      {step === 'done' ? <p className="muted">{tStart('lostDevice')}</p> : null}
      <p ref={announce} tabIndex={-1} className="visually-hidden" role="status">
        {message}
      </p>
      <ol className="steps">
        {steps.map((s, i) => {
          const reached = step === 'done' || i < index;
          // A skipped email is not a done one: it says so, and Security offers to add it.
          const skipped = reached && s.id === 'email' && !wallet?.email?.verifiedAt;
          const status = skipped ? 'skipped' : reached ? 'done' : i === index ? 'current' : 'next';
          return (
            <li
              key={s.id}
              className={`step step-${status}`}
              aria-current={status === 'current' ? 'step' : undefined}
            >
              <span className="step-number" aria-hidden="true">
                {status === 'done' ? '✓' : i + 1}
              </span>
              <div className="step-body">
                <h2>
                  <span className="visually-hidden">{t('step', { number: i + 1 })} </span>
                  {t(s.title)}
                  {status === 'done' ? <span className="badge badge-ok">{t('done')}</span> : null}
                  {status === 'skipped' ? <span className="badge badge-neutral">{t('skipped')}</span> : null}
                </h2>
                <p>{status === 'skipped' ? t('skippedText') : t(s.text)}</p>
                {status === 'current' && s.id === 'keys' ? (
                  <KeysStep onDone={(w) => finish(w, t('keysCreated'))} />
                ) : null}
                {status === 'current' && s.id === 'passkey' && wallet ? (
                  <PasskeyStep wallet={wallet} onDone={(w) => finish(w, t('passkeyAdded'))} />
                ) : null}
                {status === 'current' && s.id === 'email' && wallet ? (
                  <EmailStep wallet={wallet} onSave={save} onDone={(w, said) => finish(w, said)} />
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      <p className="actions">
        {step === 'done' ? (
          next ? (
            <button type="button" className="button button-primary" onClick={() => navigate(next)}>
              {t('continue')}
            </button>
          ) : (
            <>
              <Link to={routes.link} className="button button-primary">
                {t('linkBank')}
              </Link>
              <Link to={routes.home} className="button button-secondary">
                {t('toWallet')}
              </Link>
            </>
          )
        ) : step === 'keys' ? (
          <Link to={routes.home} className="button button-secondary">
            {t('back')}
          </Link>
        ) : null}
      </p>
    </Screen>
  );
}

/**
 * A member whose keys are already on this device (the page closed between creating the member and
 * saving the wallet record) is taken up again instead of making a second one.
 */
async function existingMember(): Promise<string | undefined> {
  const ids = (await walletKeyStore().members()).filter((id) => !id.startsWith('pending-'));
  for (const id of ids) {
    try {
      await memberFor(id).state();
      return id;
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'NotFound')) throw e;
    }
  }
  return undefined;
}

function KeysStep({ onDone }: { onDone: (wallet: WalletRecord) => Promise<void> }) {
  const { busy, error, run } = useAction();
  const t = useT(setupMessages);
  const create = () =>
    run(async () => {
      const memberId = (await existingMember()) ?? (await Member.create(cloudClient(), walletKeyStore())).id;
      await onDone({ memberId, createdAt: Date.now(), passkeys: [] });
    });
  return (
    <div className="step-action">
      {error ? <ErrorNotice error={error} /> : null}
      <button type="button" className="button button-primary" onClick={() => void create()} disabled={busy}>
        {busy ? t('creatingKeys') : t('createKeys')}
      </button>
    </div>
  );
}

function PasskeyStep({
  wallet,
  onDone,
}: {
  wallet: WalletRecord;
  onDone: (wallet: WalletRecord) => Promise<void>;
}) {
  const { busy, error, run } = useAction();
  const t = useT(setupMessages);
  const add = () =>
    run(async () => {
      const passkey = await createPasskey(
        memberFor(wallet.memberId),
        `Token Wallet ${wallet.memberId.slice(0, 8)}`,
      );
      await onDone({
        ...wallet,
        passkeys: [...wallet.passkeys, { credentialId: passkey.credentialId, createdAt: passkey.createdAt }],
      });
    });
  return (
    <div className="step-action">
      {error ? <ErrorNotice error={error} /> : null}
      <button type="button" className="button button-primary" onClick={() => void add()} disabled={busy}>
        {busy ? t('waitingPasskey') : t('addPasskey')}
      </button>
    </div>
  );
}

function EmailStep({
  wallet,
  onSave,
  onDone,
}: {
  wallet: WalletRecord;
  onSave: (wallet: WalletRecord) => Promise<void>;
  onDone: (wallet: WalletRecord, said: string) => Promise<void>;
}) {
  const { busy, error, run } = useAction();
  const [address, setAddress] = useState(wallet.email?.address ?? '');
  const [code, setCode] = useState('');
  const [resent, setResent] = useState(false);
  const t = useT(setupMessages);
  const email = wallet.email;
  const member = memberFor(wallet.memberId);
  const deliver = useDeliverChanges(member);

  const send = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const value = address.trim();
      // A different address replaces the one not yet verified: its commitment leaves the directory.
      if (email && email.address !== value)
        await removeAlias(member, { type: 'EMAIL', value: email.address }, email.salt).catch(() => undefined);
      const added = await addAlias(member, { type: 'EMAIL', value });
      // The new alias (and any removed) goes to the linked banks; not awaited: it never fails the step.
      void deliver({ afterChange: true });
      await onSave({
        ...wallet,
        email: {
          address: value,
          salt: added.salt,
          verificationId: added.verificationId,
          codeExpiresAt: added.expiresAt,
        },
      });
    });
  };

  const verify = (event: FormEvent) => {
    event.preventDefault();
    if (!email?.verificationId) return;
    const verificationId = email.verificationId;
    void run(async () => {
      const verified = await completeAliasVerification(member, verificationId, code.trim());
      await onDone({ ...wallet, email: { ...email, verifiedAt: verified.verifiedAt } }, t('emailVerified'));
    });
  };

  const resend = () =>
    run(async () => {
      if (!email) return;
      const started = await startAliasVerification(
        member,
        { type: 'EMAIL', value: email.address },
        email.salt,
      );
      await onSave({
        ...wallet,
        email: { ...email, verificationId: started.verificationId, codeExpiresAt: started.expiresAt },
      });
      setCode('');
      setResent(true);
    });

  const skip = () => run(() => onDone({ ...wallet, emailSkipped: true }, t('emailLater')));

  if (email?.verificationId) {
    return (
      <form className="step-action form" onSubmit={verify} noValidate={false}>
        <p className="form-hint" role="status">
          {t.rich(resent ? 'resent' : 'sent', {
            address: email.address,
            strong: (chunks) => <strong key="address">{chunks}</strong>,
          })}
        </p>
        {error ? <CodeError error={error} /> : null}
        <CodeField id="email-code" value={code} onChange={setCode} describedBy="email-code-hint" />
        <p id="email-code-hint" className="form-hint">
          {t('codeHint')}
        </p>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy || code.length !== 6}>
            {busy ? t('checking') : t('verify')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void resend()}
            disabled={busy}
          >
            {t('sendNew')}
          </button>
        </div>
        <button
          type="button"
          className="link-button"
          onClick={() => void onSave({ ...wallet, email: { address: email.address, salt: email.salt } })}
        >
          {t('otherAddress')}
        </button>
      </form>
    );
  }

  return (
    <form className="step-action form" onSubmit={send}>
      {error ? <ErrorNotice error={error} /> : null}
      <EmailField id="email-address" label={t('emailLabel')} value={address} onChange={setAddress} />
      <SendCodeActions busy={busy} address={address}>
        <button type="button" className="button button-secondary" onClick={() => void skip()} disabled={busy}>
          {t('skip')}
        </button>
      </SendCodeActions>
    </form>
  );
}

/** A wrong or used-up code says so plainly. */
function CodeError({ error }: { error: unknown }) {
  const t = useT(setupMessages);
  if (error instanceof ApiError && error.code === 'Forbidden' && error.field === 'code')
    return (
      <p className="notice notice-error" role="alert">
        {t('wrongCode')}
      </p>
    );
  if (error instanceof ApiError && (error.code === 'Expired' || error.code === 'Forbidden'))
    return (
      <p className="notice notice-error" role="alert">
        {t('expiredCode')}
      </p>
    );
  return <ErrorNotice error={error} />;
}
