import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { KeyLevel } from '@tokenos/protocol';
import { removePasskey } from '@tokenos/sdk';
import { Fragment, type ReactNode, useState } from 'react';
import { Confirm } from '../components/Confirm.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { type Formatters, useFormat, useT } from '../i18n/use-t.ts';
import { navigate } from '../router.ts';
import { routes } from '../routes.ts';
import { useDeliverChanges, useLogDeliveries } from '../wallet/deliver-changes.ts';
import { lockAfterMs, useLock } from '../wallet/lock.tsx';
import { useMember, walletKeyStore } from '../wallet/member.ts';
import { createPasskey } from '../wallet/passkey.ts';
import { useLinks, useMemberState } from '../wallet/queries.ts';
import { useReadyWallet } from '../wallet/WalletProvider.tsx';
import { bankConfirmation } from '../words.ts';
import { DevicesSection } from './DevicesSection.tsx';
import { securityScreenMessages } from './SecurityScreen.messages.ts';

/** The levels by what they allow, most used first. */
const levelOrder: Record<KeyLevel, number> = { STANDARD: 0, LOW: 1, PRIVILEGED: 2 };

/** "7 Dec 2026" for "Added …", with the time when another passkey was added the same day. */
function addedOn(
  fmt: Formatters,
  createdAt: number | string,
  all: readonly { createdAt: number | string }[],
): string {
  const day = fmt.date(createdAt);
  const twins = all.filter((p) => fmt.date(p.createdAt) === day).length;
  return twins > 1 ? fmt.dateTime(createdAt) : day;
}

const code = (chunks: ReactNode[]) => <code>{chunks}</code>;

/** A rich message's parts, keyed for React. */
function parts(list: (string | ReactNode)[]): ReactNode {
  return list.map((part, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence, in order
    <Fragment key={i}>{part}</Fragment>
  ));
}

/**
 * Passkeys and what this device may do, in plain words; remove a lost passkey; the lock. Key ids,
 * algorithms and levels wait under "Advanced details".
 */
export function SecurityScreen() {
  const t = useT(securityScreenMessages);
  const fmt = useFormat();
  const { wallet, save } = useReadyWallet();
  const { locale, tag } = useLocale();
  const member = useMember();
  const queryClient = useQueryClient();
  const directory = useMemberState(member);
  const local = useQuery({
    queryKey: ['local-keys', member.id],
    queryFn: () => walletKeyStore().list(member.id),
  });
  const { lockNow } = useLock();
  const [removing, setRemoving] = useState<string>();

  const links = useLinks();
  const deliveries = useLogDeliveries();
  const deliver = useDeliverChanges(member);
  const [delivering, setDelivering] = useState(false);
  const deliverNow = (afterChange: boolean) => {
    setDelivering(true);
    void deliver({ afterChange }).finally(() => setDelivering(false));
  };
  // Every change to the directory log goes to each linked bank (log-delivery.ts).
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['member-state', member.id] });
    deliverNow(true);
  };
  const remove = useMutation({
    mutationFn: (credentialId: string) => removePasskey(member, credentialId),
    onSuccess: async (_state, credentialId) => {
      await save({ ...wallet, passkeys: wallet.passkeys.filter((p) => p.credentialId !== credentialId) });
      setRemoving(undefined);
      refresh();
    },
  });
  const add = useMutation({
    mutationFn: () => createPasskey(member, `Token Wallet ${member.id.slice(0, 8)}`),
    onSuccess: async (passkey) => {
      await save({
        ...wallet,
        passkeys: [...wallet.passkeys, { credentialId: passkey.credentialId, createdAt: passkey.createdAt }],
      });
      refresh();
    },
  });

  const onDevice = new Set(local.data?.map((k) => k.id) ?? []);
  const thisDevice = new Set(wallet.passkeys.map((p) => p.credentialId));
  const passkeys = directory.data?.passkeys ?? [];
  const minutes = Math.round(lockAfterMs / 60_000);

  return (
    <Screen title={t('title')} className="security">
      <section aria-labelledby="passkeys-heading" className="section">
        <h2 id="passkeys-heading">{t('passkeys')}</h2>
        <p className="muted">{t('passkeysIntro')}</p>
        {directory.isPending ? (
          <Loading>{t('loadingPasskeys')}</Loading>
        ) : directory.isError ? (
          <ErrorNotice error={directory.error} onRetry={() => void directory.refetch()} />
        ) : passkeys.length === 0 ? (
          <p className="notice notice-warning">{t('noPasskey')}</p>
        ) : (
          <ul className="rows">
            {passkeys.map((p) => (
              <li key={p.credentialId} className="row row-wrap" data-credential-id={p.credentialId}>
                <span className="row-main">
                  <span>{thisDevice.has(p.credentialId) ? t('passkeyHere') : t('passkeyElsewhere')}</span>
                  <span className="muted">{t('added', { date: addedOn(fmt, p.createdAt, passkeys) })}</span>
                </span>
                {removing === p.credentialId ? (
                  <Confirm
                    question={passkeys.length === 1 ? t('removeOnly') : t('removeQuestion')}
                    confirmLabel={t('removePasskey')}
                    busyLabel={t('removing')}
                    busy={remove.isPending}
                    onConfirm={() => remove.mutate(p.credentialId)}
                    onCancel={() => setRemoving(undefined)}
                  />
                ) : (
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => setRemoving(p.credentialId)}
                    aria-label={t('removeLabel', { date: fmt.dateTime(p.createdAt) })}
                  >
                    {t('remove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {remove.isError ? <ErrorNotice error={remove.error} /> : null}
        {add.isError ? <ErrorNotice error={add.error} /> : null}
        <p className="actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => add.mutate()}
            disabled={add.isPending}
          >
            {add.isPending ? t('waitingPasskey') : t('addPasskey')}
          </button>
        </p>
      </section>

      <DevicesSection />
      {links.data && links.data.length > 0 ? (
        <section aria-labelledby="banks-heading" className="section">
          <h2 id="banks-heading">{t('banks')}</h2>
          <p className="muted">{t('banksIntro')}</p>
          <ul className="rows" data-testid="bank-confirmations">
            {links.data.map((link) => (
              <li key={link.bankId} className="row">
                <span className="row-main">
                  {bankConfirmation(
                    link.bankName,
                    deliveries.data?.find((d) => d.bankId === link.bankId),
                    Date.now(),
                    locale,
                    tag,
                  )}
                </span>
              </li>
            ))}
          </ul>
          {deliveries.data?.some((d) => d.pending) ? (
            <p className="actions">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => deliverNow(false)}
                disabled={delivering}
              >
                {delivering ? t('askingBanks') : t('askAgain')}
              </button>
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="keys-heading" className="section">
        <h2 id="keys-heading">{t('deviceTitle')}</h2>
        <p className="muted">{t('deviceIntro')}</p>
        {directory.isPending ? (
          <Loading>{t('loadingKeys')}</Loading>
        ) : directory.isError ? (
          <ErrorNotice error={directory.error} onRetry={() => void directory.refetch()} />
        ) : (
          <ul className="rows" data-testid="device-abilities">
            {[...directory.data.keys]
              .sort((a, b) => levelOrder[a.level] - levelOrder[b.level])
              .map((k) => (
                <li key={k.id} className="row">
                  <span className="row-main">
                    {k.expiresAt
                      ? t('abilityUntil', {
                          device: onDevice.has(k.id) ? 'this' : 'other',
                          level: k.level,
                          date: fmt.date(k.expiresAt),
                        })
                      : t('ability', { device: onDevice.has(k.id) ? 'this' : 'other', level: k.level })}
                  </span>
                </li>
              ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="email-heading" className="section">
        <h2 id="email-heading">{t('email')}</h2>
        {wallet.email?.verifiedAt ? (
          <p>
            <strong>{wallet.email.address}</strong> <span className="badge badge-ok">{t('verified')}</span>
          </p>
        ) : (
          <>
            <p className="muted">
              {wallet.email ? t('notVerified', { address: wallet.email.address }) : t('noEmail')}
            </p>
            <p className="actions">
              <button
                type="button"
                className="button button-secondary"
                onClick={() =>
                  void save({ ...wallet, emailSkipped: false }).then(() => navigate(routes.setup))
                }
              >
                {wallet.email ? t('verifyEmail') : t('addEmail')}
              </button>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="lock-heading" className="section">
        <h2 id="lock-heading">{t('lock')}</h2>
        <p className="muted">{t('lockIntro', { minutes })}</p>
        <p className="actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={lockNow}
            disabled={wallet.passkeys.length === 0}
          >
            {t('lockNow')}
          </button>
        </p>
      </section>

      <details className="section advanced">
        <summary>{t('advanced')}</summary>
        <dl className="facts">
          <div>
            <dt>{t('walletId')}</dt>
            <dd>
              <code>{member.id}</code>
            </dd>
          </div>
        </dl>
        {passkeys.length > 0 ? (
          <>
            <h3>{t('passkeys')}</h3>
            <ul className="rows">
              {passkeys.map((p) => (
                <li key={p.credentialId} className="row">
                  <span className="row-main">
                    <span>{parts(t.rich<ReactNode>('credentialId', { id: p.credentialId, code }))}</span>
                    <span className="muted">
                      {t(thisDevice.has(p.credentialId) ? 'addedHere' : 'addedElsewhere', {
                        date: fmt.dateTime(p.createdAt),
                      })}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {directory.data ? (
          <>
            <h3>{t('signingKeys')}</h3>
            <ul className="rows">
              {directory.data.keys.map((k) => (
                <li key={k.id} className="row">
                  <span className="row-main">
                    <span>
                      <span className="badge badge-neutral">{k.level}</span> {k.algorithm}
                    </span>
                    <span className="muted">
                      {parts(
                        k.expiresAt
                          ? t.rich<ReactNode>('keyFactsExpires', {
                              id: k.id,
                              date: fmt.dateTime(k.expiresAt),
                              where: onDevice.has(k.id) ? 'here' : 'elsewhere',
                              code,
                            })
                          : t.rich<ReactNode>('keyFacts', {
                              id: k.id,
                              where: onDevice.has(k.id) ? 'here' : 'elsewhere',
                              code,
                            }),
                      )}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </details>
    </Screen>
  );
}
