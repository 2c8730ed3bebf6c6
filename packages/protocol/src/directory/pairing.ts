import { canonicalBytes } from '../canonical.ts';
import { base64url } from '../encoding.ts';
import { sha256 } from '../hash.ts';
import type { KeyEntry } from './entries.ts';

/**
 * A short fingerprint of a new device's public keys (issue 15 item 2). The new device shows it
 * inside its QR code; the device that adds it compares it with the keys the cloud relayed, so a
 * swapped QR code or a relay that swapped keys is noticed before anything is signed.
 */
export function pairingFingerprint(keys: readonly Pick<KeyEntry, 'id' | 'publicKey' | 'level'>[]): string {
  const sorted = keys
    .map((k) => ({ id: k.id, publicKey: k.publicKey, level: k.level }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return base64url(sha256(canonicalBytes({ type: 'PairingFingerprint', version: 1, keys: sorted }))).slice(
    0,
    16,
  );
}

/**
 * The WebAuthn challenge of the passkey assertion that approves adding a device: it names the code
 * and the exact keys, so an assertion for one device never adds another (like scaChallenge binds a
 * payment).
 */
export function pairingChallenge(
  code: string,
  keys: readonly Pick<KeyEntry, 'id' | 'publicKey' | 'level'>[],
): Uint8Array {
  return sha256(
    canonicalBytes({
      type: 'PairingChallenge',
      version: 1,
      code,
      fingerprint: pairingFingerprint(keys),
      action: 'addDevice',
    }),
  );
}

/** What the cloud answers a new device that starts a pairing. */
export interface PairingStarted {
  pairingId: string;
  code: string;
  expiresAt: number;
}

/** What a device holding the wallet reads by the code: the new device's name and public keys. */
export interface PairingRequest {
  code: string;
  deviceName: string;
  keys: KeyEntry[];
  expiresAt: number;
}

export interface PairingStatus {
  status: 'waiting' | 'completed' | 'expired';
  memberId?: string;
}

/** One of the member's keys as "Your devices" sees it; keys added before pairing existed have no name. */
export interface DeviceKey {
  keyId: string;
  deviceId?: string;
  deviceName?: string;
  addedAt?: number;
  lastUsedAt?: number;
}
