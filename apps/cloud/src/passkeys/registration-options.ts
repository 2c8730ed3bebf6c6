import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/server';
import { base64url, fromBase64url } from '@tokenos/protocol';
import type { CloudDeps } from '../deps.ts';
import { challengeTtlMs, insertChallenge, memberCredentials } from './store.ts';

/**
 * COSE algorithms a passkey may use: exactly those a directory PasskeyEntry can name (EdDSA, ES256,
 * RS256), in the order offered (W3C WebAuthn L3 §5.4 pubKeyCredParams, most preferred first).
 */
export const passkeyAlgorithms: readonly (-8 | -7 | -257)[] = [-8, -7, -257];

/**
 * Options for navigator.credentials.create() (W3C WebAuthn L3 §5.4): a discoverable credential with
 * user verification (a biometric or PIN is one SCA factor, the device the other: PSD2 RTS Art. 4),
 * no attestation, and the member's verified credentials excluded (§5.4.3 excludeCredentials) so an
 * authenticator is not registered twice. The challenge is 32 fresh random bytes (§13.4.3), stored
 * for five minutes and good for one registration.
 */
export async function createRegistrationOptions(
  deps: CloudDeps,
  args: { memberId: string; userName: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const now = deps.now();
  const existing = await memberCredentials(deps.db, args.memberId);
  const challenge = deps.randomBytes(32);
  const options = await generateRegistrationOptions({
    rpName: deps.config.rpName,
    rpID: deps.config.rpId,
    userName: args.userName,
    userDisplayName: args.userName,
    // user.id (§5.4.3) is the member id's 32 bytes, so a userHandle in an assertion names the member.
    userID: new Uint8Array(fromBase64url(args.memberId, 'memberId')),
    // Bytes, not a string: the library would take a string as UTF-8 and encode those bytes instead.
    challenge: new Uint8Array(challenge),
    timeout: challengeTtlMs,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: c.transports })),
    authenticatorSelection: {
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'required',
    },
    supportedAlgorithmIDs: [...passkeyAlgorithms],
  });
  // What the client will echo in clientDataJSON.challenge (§5.8.1) is base64url of these bytes.
  const encoded = base64url(challenge);
  if (options.challenge !== encoded)
    throw new Error(`registration options carry challenge ${options.challenge}, expected ${encoded}`);
  await insertChallenge(
    deps.db,
    {
      challenge: encoded,
      member_id: args.memberId,
      purpose: 'registration',
      expires_at: new Date(now + challengeTtlMs),
    },
    now,
  );
  return options;
}
