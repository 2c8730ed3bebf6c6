import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import {
  type MemberState,
  type PasskeyAssertion,
  type PasskeyEntry,
  ProtocolError,
  parseWith,
  passkeyAssertionSchema,
} from '@tokenos/protocol';
import type { Member } from './member.ts';

/**
 * Runs navigator.credentials.create() for the options: the wallet passes @simplewebauthn/browser's
 * `(options) => startRegistration({ optionsJSON: options })`; tests pass a software authenticator.
 */
export type RegistrationCeremony = (
  options: PublicKeyCredentialCreationOptionsJSON,
) => Promise<RegistrationResponseJSON>;

export interface RegisterPasskeyOptions {
  /** The name the authenticator shows for this passkey (W3C WebAuthn L3 §5.4.3 user.name). */
  userName?: string;
}

/**
 * Registers a passkey for SCA: gets creation options from the cloud, runs the ceremony, has the
 * cloud verify the result (W3C WebAuthn L3 §7.1), then appends the verified entry to the member's
 * directory log with a PRIVILEGED key. Only then does the passkey count for SCA.
 */
export async function registerPasskey(
  member: Member,
  ceremony: RegistrationCeremony,
  options: RegisterPasskeyOptions = {},
): Promise<{ passkey: PasskeyEntry; state: MemberState }> {
  const base = `/api/v1/members/${member.id}/passkeys`;
  const signer = await member.signerFor('PRIVILEGED');
  const creation = await member.client.send<PublicKeyCredentialCreationOptionsJSON>(
    'POST',
    `${base}/registration-options`,
    options.userName === undefined ? {} : { userName: options.userName },
    signer,
  );
  const response = await ceremony(creation);
  const { passkey } = await member.client.send<{ passkey: PasskeyEntry }>(
    'POST',
    `${base}/registrations`,
    response,
    signer,
  );
  const state = await member.applyDirectoryAction({ kind: 'addPasskey', passkey });
  return { passkey, state };
}

/** Takes a passkey out of the member's directory; from then on it no longer authenticates anything. */
export async function removePasskey(member: Member, credentialId: string): Promise<MemberState> {
  return member.applyDirectoryAction({ kind: 'removePasskey', credentialId });
}

/**
 * The assertion an endorsement carries, from what startAuthentication() returned (W3C WebAuthn L3
 * §5.2.2). Throws ProtocolError('Malformed') on a response that is not base64url throughout.
 */
export function passkeyAssertionFromJSON(json: AuthenticationResponseJSON): PasskeyAssertion {
  if (json.id !== json.rawId)
    throw new ProtocolError('Malformed', `credential id ${json.id} differs from rawId ${json.rawId}`, {
      field: 'rawId',
    });
  const r = json.response;
  return parseWith(
    passkeyAssertionSchema,
    {
      credentialId: json.rawId,
      authenticatorData: r.authenticatorData,
      clientDataJSON: r.clientDataJSON,
      signature: r.signature,
      ...(r.userHandle ? { userHandle: r.userHandle } : {}),
    },
    'passkey assertion',
  );
}
