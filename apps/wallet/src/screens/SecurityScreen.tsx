import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { KeyLevel } from '@tokenos/protocol';
import { removePasskey } from '@tokenos/sdk';
import { useState } from 'react';
import { Confirm } from '../components/Confirm.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Screen } from '../components/Screen.tsx';
import { formatDate, formatDateTime } from '../format.ts';
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

/** What a device holding a key of each level may do, in a person's words (no level names). */
const levelWords: Record<KeyLevel, string> = {
  LOW: 'approve small payments without asking for your passkey',
  STANDARD: 'approve payments and connect apps, with your passkey when needed',
  PRIVILEGED: 'change your passkeys and email, with your passkey',
};

/** The levels by what they allow, most used first. */
const levelOrder: Record<KeyLevel, number> = { STANDARD: 0, LOW: 1, PRIVILEGED: 2 };

/** "Added 7 Dec 2026", with the time when another passkey was added the same day. */
function addedWords(createdAt: number | string, all: readonly { createdAt: number | string }[]): string {
  const day = formatDate(createdAt);
  const twins = all.filter((p) => formatDate(p.createdAt) === day).length;
  return `Added ${twins > 1 ? formatDateTime(createdAt) : day}`;
}

/**
 * Passkeys and what this device may do, in plain words; remove a lost passkey; the lock. Key ids,
 * algorithms and levels wait under "Advanced details".
 */
export function SecurityScreen() {
  const { wallet, save } = useReadyWallet();
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
    <Screen title="Security" className="security">
      <section aria-labelledby="passkeys-heading" className="section">
        <h2 id="passkeys-heading">Passkeys</h2>
        <p className="muted">
          A passkey confirms payments that need a strong check and every app you connect. Remove one you lost:
          it stops working at once.
        </p>
        {directory.isPending ? (
          <Loading>Reading your passkeys…</Loading>
        ) : directory.isError ? (
          <ErrorNotice error={directory.error} onRetry={() => void directory.refetch()} />
        ) : passkeys.length === 0 ? (
          <p className="notice notice-warning">You have no passkey. Add one to approve payments.</p>
        ) : (
          <ul className="rows">
            {passkeys.map((p) => (
              <li key={p.credentialId} className="row row-wrap" data-credential-id={p.credentialId}>
                <span className="row-main">
                  <span>
                    {thisDevice.has(p.credentialId) ? 'Passkey on this device' : 'Passkey on another device'}
                  </span>
                  <span className="muted">{addedWords(p.createdAt, passkeys)}</span>
                </span>
                {removing === p.credentialId ? (
                  <Confirm
                    question={
                      passkeys.length === 1
                        ? 'This is your only passkey: until you add another, you cannot approve payments that need one. Remove it?'
                        : 'Remove this passkey? It stops working at once.'
                    }
                    confirmLabel="Remove passkey"
                    busyLabel="Removing…"
                    busy={remove.isPending}
                    onConfirm={() => remove.mutate(p.credentialId)}
                    onCancel={() => setRemoving(undefined)}
                  />
                ) : (
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => setRemoving(p.credentialId)}
                    aria-label={`Remove the passkey added ${formatDateTime(p.createdAt)}`}
                  >
                    Remove…
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
            {add.isPending ? 'Waiting for your passkey…' : 'Add a passkey on this device'}
          </button>
        </p>
      </section>

      <DevicesSection />
      {links.data && links.data.length > 0 ? (
        <section aria-labelledby="banks-heading" className="section">
          <h2 id="banks-heading">Your banks</h2>
          <p className="muted">
            Each change goes straight to your banks, so they refuse a removed passkey or key whatever the
            payment service shows them.
          </p>
          <ul className="rows" data-testid="bank-confirmations">
            {links.data.map((link) => (
              <li key={link.bankId} className="row">
                <span className="row-main">
                  {bankConfirmation(
                    link.bankName,
                    deliveries.data?.find((d) => d.bankId === link.bankId),
                    Date.now(),
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
                {delivering ? 'Asking your banks…' : 'Ask my banks again'}
              </button>
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="keys-heading" className="section">
        <h2 id="keys-heading">What this device can do</h2>
        <p className="muted">
          Your wallet signs with keys. Those on this device never leave it: the browser keeps them and will
          not let anyone read them.
        </p>
        {directory.isPending ? (
          <Loading>Reading your keys…</Loading>
        ) : directory.isError ? (
          <ErrorNotice error={directory.error} onRetry={() => void directory.refetch()} />
        ) : (
          <ul className="rows" data-testid="device-abilities">
            {[...directory.data.keys]
              .sort((a, b) => levelOrder[a.level] - levelOrder[b.level])
              .map((k) => (
                <li key={k.id} className="row">
                  <span className="row-main">
                    {onDevice.has(k.id) ? 'This device' : 'Another device'} can {levelWords[k.level]}
                    {k.expiresAt ? `, until ${formatDate(k.expiresAt)}` : ''}.
                  </span>
                </li>
              ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="email-heading" className="section">
        <h2 id="email-heading">Email</h2>
        {wallet.email?.verifiedAt ? (
          <p>
            <strong>{wallet.email.address}</strong> <span className="badge badge-ok">Verified</span>
          </p>
        ) : (
          <>
            <p className="muted">
              {wallet.email ? `${wallet.email.address} is not verified yet.` : 'No email address yet.'} Shops
              and banks find your wallet by your email.
            </p>
            <p className="actions">
              <button
                type="button"
                className="button button-secondary"
                onClick={() =>
                  void save({ ...wallet, emailSkipped: false }).then(() => navigate(routes.setup))
                }
              >
                {wallet.email ? 'Verify email' : 'Add email'}
              </button>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="lock-heading" className="section">
        <h2 id="lock-heading">Lock</h2>
        <p className="muted">
          The wallet locks after {minutes} minutes without use. Unlock it with your passkey.
        </p>
        <p className="actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={lockNow}
            disabled={wallet.passkeys.length === 0}
          >
            Lock now
          </button>
        </p>
      </section>

      <details className="section advanced">
        <summary>Advanced details</summary>
        <dl className="facts">
          <div>
            <dt>Wallet id</dt>
            <dd>
              <code>{member.id}</code>
            </dd>
          </div>
        </dl>
        {passkeys.length > 0 ? (
          <>
            <h3>Passkeys</h3>
            <ul className="rows">
              {passkeys.map((p) => (
                <li key={p.credentialId} className="row">
                  <span className="row-main">
                    <span>
                      Credential id <code>{p.credentialId}</code>
                    </span>
                    <span className="muted">
                      Added {formatDateTime(p.createdAt)} ·{' '}
                      {thisDevice.has(p.credentialId)
                        ? 'created on this device'
                        : 'created on another device'}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {directory.data ? (
          <>
            <h3>Signing keys</h3>
            <ul className="rows">
              {directory.data.keys.map((k) => (
                <li key={k.id} className="row">
                  <span className="row-main">
                    <span>
                      <span className="badge badge-neutral">{k.level}</span> {k.algorithm}
                    </span>
                    <span className="muted">
                      Key id <code>{k.id}</code>
                      {k.expiresAt ? ` · expires ${formatDateTime(k.expiresAt)}` : ''} ·{' '}
                      {onDevice.has(k.id) ? 'on this device' : 'not on this device'}
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
