import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyLevel, pairingChallenge, pairingFingerprint } from '@tokenos/protocol';
import {
  addPairedDevice,
  listDeviceKeys,
  type PairingRequest,
  passkeyAssertionFromJSON,
  readPairing,
  removeDeviceKeys,
} from '@tokenos/sdk';
import { type FormEvent, useState } from 'react';
import { Confirm } from '../components/Confirm.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { useFormat, useT } from '../i18n/use-t.ts';
import { useDeliverChanges } from '../wallet/deliver-changes.ts';
import { type Device, groupDevices } from '../wallet/devices.ts';
import { useMember } from '../wallet/member.ts';
import { parsePairingQr, spacedCode, typedCode } from '../wallet/pairing-qr.ts';
import { passkeyAssertion } from '../wallet/passkey.ts';
import { useMemberState } from '../wallet/queries.ts';
import { devicesMessages } from './DevicesSection.messages.ts';
import { ScanCode } from './ScanCode.tsx';
import { useAction } from './use-action.ts';

const levelWords = {
  LOW: 'levelLow',
  STANDARD: 'levelStandard',
  PRIVILEGED: 'levelPrivileged',
} as const satisfies Record<KeyLevel, string>;

/**
 * "Your devices" on Security: each device with its name, when it was added and last used, and
 * "Remove this device" (its keys leave the directory and the banks are told at once); and "Add a
 * device", which adds the keys a new device made, after the person checked the code and confirmed
 * with their passkey.
 */
export function DevicesSection() {
  const t = useT(devicesMessages);
  const fmt = useFormat();
  const member = useMember();
  const queryClient = useQueryClient();
  const deliver = useDeliverChanges(member);
  const directory = useMemberState(member);
  const named = useQuery({ queryKey: ['device-keys', member.id], queryFn: () => listDeviceKeys(member) });
  const local = useQuery({ queryKey: ['local-keys', member.id], queryFn: () => member.keys() });
  const [removing, setRemoving] = useState<string>();
  const [said, setSaid] = useState('');
  const remove = useAction();

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['member-state', member.id] });
    await queryClient.invalidateQueries({ queryKey: ['device-keys', member.id] });
  };
  const nameOf = (d: Device) => d.name ?? t('firstDevice');
  const devices =
    directory.data && named.data && local.data
      ? groupDevices(directory.data.keys, named.data, new Set(local.data.map((k) => k.id)))
      : undefined;
  const error = directory.error ?? named.error ?? local.error;

  return (
    <section aria-labelledby="devices-heading" className="section">
      <h2 id="devices-heading">{t('heading')}</h2>
      <p className="muted">{t('intro')}</p>
      <p role="status" className={said ? 'notice notice-ok' : 'visually-hidden'}>
        {said}
      </p>
      {error ? (
        <ErrorNotice error={error} onRetry={() => void refresh()} />
      ) : !devices ? (
        <Loading>{t('loading')}</Loading>
      ) : (
        <ul className="rows" data-testid="devices">
          {devices.map((d) => (
            <li key={d.id} className="row">
              <span className="row-main">
                <strong>{nameOf(d)}</strong>
                {d.thisDevice ? <span className="badge badge-neutral">{t('thisDevice')}</span> : null}
                <span className="muted">
                  {d.addedAt !== undefined ? t('added', { date: fmt.date(d.addedAt) }) : t('addedFirst')}
                </span>
                <span className="muted">
                  {d.lastUsedAt !== undefined
                    ? t('lastUsed', { when: fmt.relative(d.lastUsedAt) })
                    : t('notUsed')}
                </span>
              </span>
              {d.thisDevice ? null : removing === d.id ? (
                <Confirm
                  question={t('removeQuestion', { name: nameOf(d) })}
                  confirmLabel={t('removeConfirm')}
                  busyLabel={t('removing')}
                  cancelLabel={t('keep')}
                  busy={remove.busy}
                  onCancel={() => setRemoving(undefined)}
                  onConfirm={() =>
                    void remove.run(async () => {
                      await removeDeviceKeys(member, d.keyIds);
                      setRemoving(undefined);
                      setSaid(t('removed', { name: nameOf(d) }));
                      await refresh();
                      // The banks hear of it directly, whatever the payment service shows them.
                      await deliver({ afterChange: true });
                    })
                  }
                />
              ) : (
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={t('removeLabel', { name: nameOf(d) })}
                  onClick={() => setRemoving(d.id)}
                >
                  {t('remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      <AddDevice
        onAdded={async (name) => {
          setSaid(t('addedDevice', { name }));
          await refresh();
          await deliver({ afterChange: true });
        }}
      />
    </section>
  );
}

function AddDevice({ onAdded }: { onAdded: (name: string) => Promise<void> }) {
  const t = useT(devicesMessages);
  const member = useMember();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [scanned, setScanned] = useState<string>();
  const [request, setRequest] = useState<PairingRequest>();
  const find = useAction();
  const confirm = useAction();

  if (!open)
    return (
      <p className="actions">
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          {t('addDevice')}
        </button>
      </p>
    );

  const close = () => {
    setOpen(false);
    setCode('');
    setScanned(undefined);
    setRequest(undefined);
  };
  const lookUp = (typed: string, fingerprint?: string) =>
    find.run(async () => {
      setScanned(fingerprint);
      setRequest(await readPairing(member, typedCode(typed)));
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void lookUp(code);
  };
  // A scanned QR code names the keys' fingerprint: keys that differ mean a swapped code or relay.
  const mismatch = request && scanned !== undefined && pairingFingerprint(request.keys) !== scanned;

  return (
    <div className="add-device">
      <h3>{t('addDevice')}</h3>
      {!request ? (
        <form onSubmit={submit} className="form">
          <p className="muted">{t('addIntro')}</p>
          <label htmlFor="pairing-code">{t('codeLabel')}</label>
          <input
            id="pairing-code"
            value={code}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            onChange={(e) => setCode(e.target.value)}
          />
          {find.error ? <ErrorNotice error={find.error} /> : null}
          <p className="actions">
            <button type="submit" className="button button-primary" disabled={find.busy || !code.trim()}>
              {find.busy ? t('finding') : t('find')}
            </button>
            <ScanCode
              label={t('scan')}
              stopLabel={t('stopScan')}
              onText={(text) => {
                const qr = parsePairingQr(text);
                if (!qr) return false;
                setCode(qr.code);
                void lookUp(qr.code, qr.fingerprint);
                return true;
              }}
            />
            <button type="button" className="button button-secondary" onClick={close}>
              {t('cancel')}
            </button>
          </p>
        </form>
      ) : mismatch ? (
        <div className="notice notice-error" role="alert">
          <p>{t('mismatch')}</p>
          <button type="button" className="button button-secondary" onClick={close}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <div>
          <p>{t('confirmQuestion', { name: request.deviceName })}</p>
          <p>{t('sameCode', { code: spacedCode(request.code) })}</p>
          <p className="muted">{t('willDo')}</p>
          <ul>
            {request.keys.map((k) => (
              <li key={k.id}>{t(levelWords[k.level])}</li>
            ))}
          </ul>
          {confirm.error ? <ErrorNotice error={confirm.error} /> : null}
          <p className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={confirm.busy}
              onClick={() =>
                void confirm.run(async () => {
                  const { passkeys } = await member.state();
                  // The passkey confirms this very device: its challenge names the code and the keys.
                  const json =
                    passkeys.length > 0
                      ? await passkeyAssertion(
                          pairingChallenge(request.code, request.keys),
                          passkeys.map((p) => p.credentialId),
                        )
                      : undefined;
                  await addPairedDevice(member, request, json ? passkeyAssertionFromJSON(json) : undefined);
                  close();
                  await onAdded(request.deviceName);
                })
              }
            >
              {confirm.busy ? t('waitingPasskey') : t('confirm')}
            </button>
            <button type="button" className="button button-secondary" onClick={close} disabled={confirm.busy}>
              {t('cancel')}
            </button>
          </p>
        </div>
      )}
    </div>
  );
}
