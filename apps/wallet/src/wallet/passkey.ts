// Passkeys through @simplewebauthn/browser: registration for the wallet (a platform authenticator
// with user verification, PSD2 RTS Art. 4: the device is one factor, the biometric or PIN the
// other) and assertions bound to a challenge the caller derives (scaChallenge for a token).
import {
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
  WebAuthnError,
} from '@simplewebauthn/browser';
import {
  base64url,
  type PasskeyEntry,
  type ScaEvidence,
  scaBundleChallenge,
  scaChallenge,
} from '@tokenos/protocol';
import { type Member, passkeyAssertionFromJSON, registerPasskey } from '@tokenos/sdk';
import { type SpcDisplay, spcAssertion } from './secure-payment-confirmation.ts';

/** How long the browser waits for the user at the prompt (W3C WebAuthn L3 §5.4 timeout). */
const promptTimeoutMs = 120_000;

type Extensions = NonNullable<PublicKeyCredentialCreationOptionsJSON['extensions']>;

/** SPC §5.1 "payment" extension; the DOM typings do not know it yet. */
function withPaymentExtension(extensions: Extensions | undefined): Extensions {
  const withPayment: Extensions & { payment: { isPayment: boolean } } = {
    ...extensions,
    payment: { isPayment: true },
  };
  return withPayment;
}

export async function createPasskey(member: Member, userName: string): Promise<PasskeyEntry> {
  const { passkey } = await registerPasskey(
    member,
    (options) =>
      startRegistration({
        optionsJSON: {
          ...options,
          // This device's own authenticator (fingerprint, face, screen lock), not a roaming key.
          authenticatorSelection: {
            ...options.authenticatorSelection,
            authenticatorAttachment: 'platform',
            residentKey: 'required',
            requireResidentKey: true,
            userVerification: 'required',
          },
          hints: ['client-device'],
          // Usable for Secure Payment Confirmation where the browser has it (SPC §5.1); other
          // browsers ignore an extension they do not know.
          extensions: withPaymentExtension(options.extensions),
        },
      }),
    { userName },
  );
  return passkey;
}

/** navigator.credentials.get() for `challenge`, limited to the member's passkeys, verification required. */
export function passkeyAssertion(
  challenge: Uint8Array,
  credentialIds: readonly string[],
): Promise<AuthenticationResponseJSON> {
  return startAuthentication({
    optionsJSON: {
      challenge: base64url(challenge),
      allowCredentials: credentialIds.map((id) => ({
        id,
        type: 'public-key' as const,
        transports: ['internal' as const, 'hybrid' as const],
      })),
      userVerification: 'required',
      timeout: promptTimeoutMs,
    },
  });
}

/** Stops the passkey prompt under way, if any; the ceremony then fails as cancelled. */
export function cancelPasskeyPrompt(): void {
  WebAuthnAbortService.cancelCeremony();
}

/** SCA evidence for endorsing `tokenId`: the challenge binds amount and payee (PSD2 RTS Art. 5). */
export async function passkeyEvidence(
  tokenId: string,
  credentialIds: readonly string[],
): Promise<ScaEvidence> {
  const json = await passkeyAssertion(scaChallenge(tokenId), credentialIds);
  return { method: 'passkey', assertion: passkeyAssertionFromJSON(json) };
}

/**
 * SCA evidence for paying with `tokenId`: through Secure Payment Confirmation where the browser
 * supports it (the browser itself shows amount, payee and account), else a plain passkey prompt.
 */
export async function paymentEvidence(
  tokenId: string,
  credentialIds: readonly string[],
  display: SpcDisplay | undefined,
): Promise<ScaEvidence> {
  const spc = display ? await spcAssertion(scaChallenge(tokenId), credentialIds, display) : undefined;
  if (spc) return { method: 'passkey', assertion: spc };
  return passkeyEvidence(tokenId, credentialIds);
}

/**
 * SCA evidence for several tokens approved at once (a payment and the address shared with it):
 * one assertion over scaBundleChallenge(tokenIds), through Secure Payment Confirmation where the
 * browser has it (the dialog shows the payment; the challenge names every token), else a plain
 * passkey prompt.
 */
export async function bundleEvidence(
  tokenIds: readonly string[],
  credentialIds: readonly string[],
  display: SpcDisplay | undefined,
): Promise<ScaEvidence & { tokenIds: string[] }> {
  const ids = [...tokenIds].sort();
  const challenge = scaBundleChallenge(ids);
  const spc = display ? await spcAssertion(challenge, credentialIds, display) : undefined;
  const assertion = spc ?? passkeyAssertionFromJSON(await passkeyAssertion(challenge, credentialIds));
  return { method: 'passkey', assertion, tokenIds: ids };
}

export type PasskeyFailure = 'cancelled' | 'unsupported' | 'already-registered' | 'other';

/** Why a ceremony failed, from the error's name or code (never its message). */
export function passkeyFailure(error: unknown): PasskeyFailure | undefined {
  const cause = error instanceof WebAuthnError && error.cause instanceof Error ? error.cause : error;
  if (error instanceof WebAuthnError) {
    if (error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return 'already-registered';
    if (
      error.code === 'ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT' ||
      error.code === 'ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT' ||
      error.code === 'ERROR_INVALID_DOMAIN' ||
      error.code === 'ERROR_INVALID_RP_ID'
    )
      return 'unsupported';
  }
  if (!(cause instanceof Error)) return undefined;
  // W3C WebAuthn L3 §5.1.4.1: NotAllowedError covers "the user cancelled" and "timed out" alike.
  if (cause.name === 'NotAllowedError' || cause.name === 'AbortError') return 'cancelled';
  if (cause.name === 'NotSupportedError' || cause.name === 'SecurityError') return 'unsupported';
  if (cause.name === 'InvalidStateError') return 'already-registered';
  if (error instanceof WebAuthnError) return 'other';
  return undefined;
}
