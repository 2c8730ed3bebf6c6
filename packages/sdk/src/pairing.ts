import {
  base64url,
  type DeviceKey,
  type PairingRequest,
  type PairingStarted,
  type PairingStatus,
  type PasskeyAssertion,
  pairingFingerprint,
} from '@tokenos/protocol';

export type { DeviceKey, PairingRequest, PairingStarted, PairingStatus };

import type { CloudClient } from './client.ts';
import type { KeyStore, PublicKeyInfo } from './keys/key-store.ts';
import { generateMemberKeys, keyEntryOf, Member } from './member.ts';
import { randomBytes } from './random.ts';

export interface NewDevicePairing extends PairingStarted {
  /** Where the keys wait in the key store until the member id is known. */
  provisionalId: string;
  keys: PublicKeyInfo[];
  /** pairingFingerprint of the keys: in the QR code, so the other device notices a swapped one. */
  fingerprint: string;
}

/**
 * On the new device: makes its own LOW, STANDARD and PRIVILEGED keys (they never leave it) and
 * posts only their public halves, with the device's name, for a short code.
 */
export async function startPairing(
  client: CloudClient,
  keyStore: KeyStore,
  o: { deviceName: string },
): Promise<NewDevicePairing> {
  const provisionalId = `pending-pairing-${base64url(randomBytes(9))}`;
  const keys = await generateMemberKeys(keyStore, provisionalId, { now: client.now() });
  const entries = keys.map(keyEntryOf);
  const started = await client.post<PairingStarted>('/api/v1/pairings', {
    deviceName: o.deviceName,
    keys: entries,
  });
  return { ...started, provisionalId, keys, fingerprint: pairingFingerprint(entries) };
}

export function pairingStatus(client: CloudClient, pairingId: string): Promise<PairingStatus> {
  return client.get<PairingStatus>(`/api/v1/pairings/${encodeURIComponent(pairingId)}/status`);
}

/** On the new device, once the pairing completed: its keys now belong to `memberId`. */
export async function finishPairing(
  client: CloudClient,
  keyStore: KeyStore,
  o: { provisionalId: string; memberId: string },
): Promise<Member> {
  await keyStore.rename(o.provisionalId, o.memberId);
  return new Member(o.memberId, client, keyStore);
}

/** On the device holding the wallet: the new device's name and public keys, by the typed code. */
export async function readPairing(member: Member, code: string): Promise<PairingRequest> {
  return member.client.send<PairingRequest>(
    'GET',
    `/api/v1/pairings/${encodeURIComponent(code)}`,
    undefined,
    await member.signerFor('PRIVILEGED'),
  );
}

/**
 * On the device holding the wallet: signs the directory operations that add each of the new
 * device's keys (skipping any already there, so a retry after a lost answer goes on), then tells
 * the cloud, with the passkey assertion over pairingChallenge, so the new device learns its member.
 */
export async function addPairedDevice(
  member: Member,
  request: PairingRequest,
  assertion: PasskeyAssertion | undefined,
): Promise<void> {
  const listed = new Set((await member.state()).keys.map((k) => k.id));
  for (const key of request.keys)
    if (!listed.has(key.id)) await member.applyDirectoryAction({ kind: 'addKey', key });
  await member.client.send(
    'POST',
    `/api/v1/pairings/${encodeURIComponent(request.code)}/complete`,
    assertion ? { assertion } : {},
    await member.signerFor('PRIVILEGED'),
  );
}

export async function listDeviceKeys(member: Member): Promise<DeviceKey[]> {
  const { keys } = await member.client.send<{ keys: DeviceKey[] }>(
    'GET',
    '/api/v1/devices',
    undefined,
    await member.signerFor('LOW'),
  );
  return keys;
}

/** Removes another device's keys from the directory; from then on the cloud and the banks refuse them. */
export async function removeDeviceKeys(member: Member, keyIds: readonly string[]): Promise<void> {
  const listed = new Set((await member.state()).keys.map((k) => k.id));
  for (const keyId of keyIds)
    if (listed.has(keyId)) await member.applyDirectoryAction({ kind: 'removeKey', keyId });
}
