import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import {
  base64url,
  equalBytes,
  fromBase64url,
  type MemberState,
  type PasskeyAssertion,
  ProtocolError,
  SPC_CLIENT_DATA_TYPE,
  sha256,
  utf8,
} from '@tokenos/protocol';
import { type ClientData, parseClientData } from './client-data.ts';

export interface PasskeyAssertionCheck {
  /** The member's directory state as the caller verified it: only passkeys in it count. */
  member: MemberState;
  assertion: PasskeyAssertion;
  /** The RP ID and wallet origins the caller accepts. */
  rpId: string;
  walletOrigins: readonly string[];
  /** The challenge the assertion must sign, e.g. scaChallenge(tokenId) (PSD2 RTS Art. 5, dynamic linking). */
  challenge: Uint8Array;
  /** Where the assertion sits in the request, e.g. 'sca.assertion': every error names a field under it. */
  field: string;
  /**
   * The last signature counter the caller accepted for the credential (0 when none), read once the
   * credential is known to be the member's; it may refuse (throw) a credential it does not hold.
   */
  storedCounter: (credentialId: string) => Promise<number>;
  /**
   * Present when the assertion approves a payment: then one made through Secure Payment
   * Confirmation is accepted too, and this checks what the browser showed (SPC §4.1.3).
   */
  spcPayment?: (clientData: ClientData, field: string) => void | Promise<void>;
  /**
   * Whether an assertion with this signature counter was already accepted for this very challenge
   * and may pass again (a bundle challenge covering several tokens); such a repeat skips the
   * counter check.
   */
  acceptedRepeat?: (counter: number) => Promise<boolean>;
}

export interface VerifiedPasskeyAssertion {
  credentialId: string;
  /** The authenticator's signature counter in this assertion. */
  counter: number;
  /** True when acceptedRepeat let an already accepted assertion pass: the counter is not new. */
  repeat: boolean;
}

function scaFailed(message: string, field: string, cause?: unknown): never {
  throw new ProtocolError('ScaFailed', message, cause === undefined ? { field } : { field, cause });
}

/**
 * Verifies a WebAuthn assertion as strong customer authentication (W3C WebAuthn L3 §7.2) against
 * the credential in the member's signed directory log. Pure apart from the caller's callbacks: the
 * caller stores the returned counter (the token cloud and a bank each keep their own). Each failed
 * step throws ProtocolError('ScaFailed') naming the field and the expected and actual values; the
 * explicit checks give each failure its own field, then the library repeats them and checks the
 * signature over authenticatorData || SHA-256(clientDataJSON).
 */
export async function verifyPasskeyAssertion(
  check: PasskeyAssertionCheck,
): Promise<VerifiedPasskeyAssertion> {
  const { member, assertion, rpId, walletOrigins, field: f } = check;
  const credentialId = assertion.credentialId;

  // §7.2 steps 5-7: the credential must be the member's. The signed directory log is the source of
  // truth (the cloud and every bank check the same list), so a passkey removed from it no longer counts.
  const entry = member.passkeys.find((p) => p.credentialId === credentialId);
  if (!entry)
    scaFailed(
      `credential ${credentialId} is not a passkey in member ${member.memberId}'s directory (seq ${member.seq})`,
      `${f}.credentialId`,
    );
  if (entry.rpId !== rpId)
    scaFailed(`passkey ${credentialId} belongs to RP ${entry.rpId}, expected ${rpId}`, `${f}.credentialId`);
  const storedCounter = await check.storedCounter(credentialId);
  // §7.2 step 6: user.id was the member id's bytes, so a userHandle must encode the member id.
  if (assertion.userHandle !== undefined && assertion.userHandle !== member.memberId)
    scaFailed(`userHandle is ${assertion.userHandle}, expected ${member.memberId}`, `${f}.userHandle`);

  // §7.2 steps 10-14 on clientDataJSON. A ceremony in a cross-origin frame could be clickjacked
  // (§13.4.2): parseClientData refuses it.
  const clientData = parseClientData(assertion.clientDataJSON, 'ScaFailed', `${f}.clientDataJSON`);
  if (clientData.type === SPC_CLIENT_DATA_TYPE) {
    if (!check.spcPayment)
      scaFailed(
        `clientDataJSON.type is "${SPC_CLIENT_DATA_TYPE}", expected "webauthn.get": Secure Payment Confirmation approves payments, and this is not one`,
        `${f}.clientDataJSON.type`,
      );
    await check.spcPayment(clientData, `${f}.clientDataJSON`);
  } else if (clientData.type !== 'webauthn.get')
    scaFailed(
      `clientDataJSON.type is ${JSON.stringify(clientData.type)}, expected "webauthn.get"${check.spcPayment ? ` or "${SPC_CLIENT_DATA_TYPE}"` : ''}`,
      `${f}.clientDataJSON.type`,
    );
  const expectedChallenge = base64url(check.challenge);
  if (clientData.challenge !== expectedChallenge)
    scaFailed(
      `clientDataJSON.challenge is ${clientData.challenge}, expected ${expectedChallenge}: the assertion was made for something else (PSD2 RTS Art. 5)`,
      `${f}.clientDataJSON.challenge`,
    );
  if (!walletOrigins.includes(clientData.origin))
    scaFailed(
      `clientDataJSON.origin is ${clientData.origin}, expected one of ${walletOrigins.join(', ')}`,
      `${f}.clientDataJSON.origin`,
    );

  // §7.2 steps 15-17 and 22 on authenticatorData: RP ID hash, user present and verified (a
  // biometric or PIN is one SCA factor, PSD2 RTS Art. 4), and the signature counter.
  let authData: ReturnType<typeof parseAuthenticatorData>;
  try {
    authData = parseAuthenticatorData(
      new Uint8Array(fromBase64url(assertion.authenticatorData, `${f}.authenticatorData`)),
    );
  } catch (e) {
    scaFailed(
      `authenticatorData does not parse: ${e instanceof Error ? e.message : String(e)}`,
      `${f}.authenticatorData`,
      e,
    );
  }
  const expectedRpIdHash = sha256(utf8(rpId));
  if (!equalBytes(authData.rpIdHash, expectedRpIdHash))
    scaFailed(
      `authenticatorData.rpIdHash is ${base64url(authData.rpIdHash)}, expected ${base64url(expectedRpIdHash)} (SHA-256 of the RP ID ${rpId})`,
      `${f}.authenticatorData.rpIdHash`,
    );
  if (!authData.flags.up)
    scaFailed(
      'authenticatorData flags: user presence (UP) is not set, expected set',
      `${f}.authenticatorData.flags`,
    );
  if (!authData.flags.uv)
    scaFailed(
      'authenticatorData flags: user verification (UV) is not set, expected set; SCA needs a verified user',
      `${f}.authenticatorData.flags`,
    );
  const repeat = (await check.acceptedRepeat?.(authData.counter)) === true;
  if (!repeat && (authData.counter > 0 || storedCounter > 0) && authData.counter <= storedCounter)
    scaFailed(
      `signature counter is ${authData.counter}, expected above the last accepted ${storedCounter}: a cloned authenticator or a replayed assertion (§6.1.1)`,
      `${f}.authenticatorData.signCount`,
    );

  // §7.2 steps 19-21: the signature over authenticatorData || SHA-256(clientDataJSON).
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response: {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        response: {
          clientDataJSON: assertion.clientDataJSON,
          authenticatorData: assertion.authenticatorData,
          signature: assertion.signature,
          ...(assertion.userHandle === undefined ? {} : { userHandle: assertion.userHandle }),
        },
        clientExtensionResults: {},
      },
      expectedChallenge,
      expectedType: check.spcPayment ? ['webauthn.get', SPC_CLIENT_DATA_TYPE] : 'webauthn.get',
      expectedOrigin: [...walletOrigins],
      expectedRPID: rpId,
      credential: {
        id: credentialId,
        publicKey: new Uint8Array(fromBase64url(entry.publicKey, `${f}.publicKey`)),
        // A repeat passed the counter check above; the library would refuse the equal counter.
        counter: repeat ? 0 : storedCounter,
      },
      requireUserVerification: true,
    });
  } catch (e) {
    scaFailed(`passkey assertion refused: ${e instanceof Error ? e.message : String(e)}`, f, e);
  }
  if (!result.verified)
    scaFailed(`signature does not verify under passkey ${credentialId}`, `${f}.signature`);
  return { credentialId, counter: result.authenticationInfo.newCounter, repeat };
}
