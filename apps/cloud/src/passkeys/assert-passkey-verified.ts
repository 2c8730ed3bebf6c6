import type { Db } from '@tokenos/db';
import {
  canonicalBytes,
  type DirectoryAction,
  equalBytes,
  type PasskeyEntry,
  ProtocolError,
} from '@tokenos/protocol';
import { findCredential, passkeyEntryOf, setInDirectory } from './store.ts';

/**
 * An addPasskey directory operation may only carry a credential whose registration ceremony this
 * cloud verified for the same member (W3C WebAuthn L3 §7.1), and exactly the entry that ceremony
 * produced: otherwise a PRIVILEGED key alone could publish any public key as the member's "passkey"
 * and sign its own SCA, which would then not be a second factor (PSD2 RTS Art. 4).
 */
export async function assertPasskeyVerified(tx: Db, memberId: string, passkey: PasskeyEntry): Promise<void> {
  const row = await findCredential(tx, memberId, passkey.credentialId);
  if (!row)
    throw new ProtocolError(
      'Forbidden',
      `credential ${passkey.credentialId} has no verified registration for member ${memberId}; register it first`,
      {
        field: 'action.passkey.credentialId',
      },
    );
  const expected = passkeyEntryOf(row);
  if (equalBytes(canonicalBytes(expected), canonicalBytes(passkey))) return;
  const differing = (Object.keys(expected) as (keyof PasskeyEntry)[]).filter(
    (k) => expected[k] !== passkey[k],
  );
  const first = differing[0] ?? 'credentialId';
  throw new ProtocolError(
    'Forbidden',
    `passkey entry differs from the verified registration of ${passkey.credentialId} in ${differing.join(', ')}: expected ${first} ${JSON.stringify(expected[first])}, got ${JSON.stringify(passkey[first])}`,
    { field: `action.passkey.${first}` },
  );
}

/** Keeps `in_directory` in step with the member's log, in the transaction that appends the operation. */
export async function notePasskeyDirectoryChange(
  tx: Db,
  memberId: string,
  action: DirectoryAction,
): Promise<void> {
  if (action.kind === 'addPasskey') await setInDirectory(tx, memberId, action.passkey.credentialId, true);
  else if (action.kind === 'removePasskey') await setInDirectory(tx, memberId, action.credentialId, false);
}
