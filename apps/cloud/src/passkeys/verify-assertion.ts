import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import type { Db } from '@tokenos/db';
import {
  base64url,
  checkSpcPayment,
  equalBytes,
  fromBase64url,
  type MemberState,
  type Money,
  type PasskeyAssertion,
  ProtocolError,
  SPC_CLIENT_DATA_TYPE,
  sha256,
  spcPayeeOrigin,
  utf8,
} from '@tokenos/protocol';
import type { CloudDeps } from '../deps.ts';
import { isVerifiedDomain } from '../requests/domain-check.ts';
import { acceptedBundleAssertion, recordBundleAssertion } from './bundle-assertions.ts';
import { type ClientData, parseClientData } from './client-data.ts';
import { advanceCounter, findCredential } from './store.ts';

const f = 'sca.assertion';

function scaFailed(message: string, field: string, cause?: unknown): never {
  throw new ProtocolError('ScaFailed', message, cause === undefined ? { field } : { field, cause });
}

export interface ScaAssertionCheck {
  /** The member's current directory state: only passkeys in it count. */
  member: MemberState;
  assertion: PasskeyAssertion;
  /** The challenge the assertion must sign, e.g. scaChallenge(tokenId) (PSD2 RTS Art. 5, dynamic linking). */
  challenge: Uint8Array;
  /**
   * The transfer being approved, when it is one: then an assertion made through Secure Payment
   * Confirmation is accepted too, if what the browser showed is this amount and this payee.
   */
  payment?: { amount: Money; payee: string };
  /**
   * The challenge approves several tokens at once (scaBundleChallenge): the one assertion then
   * comes once per token of the bundle, and a repeat of an assertion accepted for this very
   * challenge passes the counter check (bundle-assertions.ts).
   */
  bundle?: boolean;
}

/**
 * Verifies a WebAuthn assertion as strong customer authentication (W3C WebAuthn L3 §7.2) inside the
 * caller's transaction, and advances the credential's signature counter there. Each step that fails
 * throws ProtocolError('ScaFailed') naming the field and the actual and expected values. The explicit
 * checks give each failure its own field; the library then repeats them and checks the signature.
 */
export async function verifyScaAssertion(
  deps: CloudDeps,
  tx: Db,
  args: ScaAssertionCheck,
): Promise<{ credentialId: string }> {
  const { member, assertion } = args;
  const credentialId = assertion.credentialId;

  // §7.2 steps 5-7: the credential must be the member's. The signed directory log is the source of
  // truth (a bank checks the same list), so a passkey removed from it no longer authenticates.
  const entry = member.passkeys.find((p) => p.credentialId === credentialId);
  if (!entry)
    scaFailed(
      `credential ${credentialId} is not a passkey in member ${member.memberId}'s directory (seq ${member.seq})`,
      `${f}.credentialId`,
    );
  const stored = await findCredential(tx, member.memberId, credentialId);
  if (!stored)
    scaFailed(
      `credential ${credentialId} has no verified registration for member ${member.memberId}`,
      `${f}.credentialId`,
    );
  // §7.2 step 6: user.id was the member id's bytes, so a userHandle must encode the member id.
  if (assertion.userHandle !== undefined && assertion.userHandle !== member.memberId)
    scaFailed(`userHandle is ${assertion.userHandle}, expected ${member.memberId}`, `${f}.userHandle`);

  // §7.2 steps 10-14 on clientDataJSON (crossOrigin refused in parseClientData).
  const clientData = parseClientData(assertion.clientDataJSON, 'ScaFailed', `${f}.clientDataJSON`);
  if (clientData.type === SPC_CLIENT_DATA_TYPE) {
    if (!args.payment)
      scaFailed(
        `clientDataJSON.type is "${SPC_CLIENT_DATA_TYPE}": Secure Payment Confirmation approves payments, and this is not one`,
        `${f}.clientDataJSON.type`,
      );
    await checkSpcPaymentShown(deps, tx, clientData, args.payment);
  } else if (clientData.type !== 'webauthn.get')
    scaFailed(
      `clientDataJSON.type is ${JSON.stringify(clientData.type)}, expected "webauthn.get"${args.payment ? ` or "${SPC_CLIENT_DATA_TYPE}"` : ''}`,
      `${f}.clientDataJSON.type`,
    );
  const expectedChallenge = base64url(args.challenge);
  if (clientData.challenge !== expectedChallenge)
    scaFailed(
      `clientDataJSON.challenge is ${clientData.challenge}, expected ${expectedChallenge}: the assertion was made for something else (PSD2 RTS Art. 5)`,
      `${f}.clientDataJSON.challenge`,
    );
  if (!deps.config.walletOrigins.includes(clientData.origin))
    scaFailed(
      `clientDataJSON.origin is ${clientData.origin}, expected one of ${deps.config.walletOrigins.join(', ')}`,
      `${f}.clientDataJSON.origin`,
    );

  // §7.2 steps 15-17 and 22 on authenticatorData.
  const authDataBytes = new Uint8Array(fromBase64url(assertion.authenticatorData, `${f}.authenticatorData`));
  let authData: ReturnType<typeof parseAuthenticatorData>;
  try {
    authData = parseAuthenticatorData(authDataBytes);
  } catch (e) {
    scaFailed(
      `authenticatorData does not parse: ${e instanceof Error ? e.message : String(e)}`,
      `${f}.authenticatorData`,
      e,
    );
  }
  if (!equalBytes(authData.rpIdHash, sha256(utf8(deps.config.rpId))))
    scaFailed(
      `authenticatorData.rpIdHash is not SHA-256 of the RP ID ${deps.config.rpId}`,
      `${f}.authenticatorData.rpIdHash`,
    );
  if (!authData.flags.up)
    scaFailed('authenticatorData flags: user presence (UP) is not set', `${f}.authenticatorData.flags`);
  if (!authData.flags.uv)
    scaFailed(
      'authenticatorData flags: user verification (UV) is not set; SCA needs a verified user',
      `${f}.authenticatorData.flags`,
    );
  const counterField = `${f}.authenticatorData.signCount`;
  const repeat =
    args.bundle === true &&
    (await acceptedBundleAssertion(tx, {
      credentialId,
      challenge: expectedChallenge,
      counter: authData.counter,
    }));
  if (!repeat && (authData.counter > 0 || stored.counter > 0) && authData.counter <= stored.counter)
    scaFailed(
      `signature counter ${authData.counter} is not above the last accepted ${stored.counter}: a cloned authenticator or a replayed assertion (§6.1.1)`,
      counterField,
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
      expectedType: args.payment ? ['webauthn.get', SPC_CLIENT_DATA_TYPE] : 'webauthn.get',
      expectedOrigin: deps.config.walletOrigins,
      expectedRPID: deps.config.rpId,
      credential: {
        id: credentialId,
        publicKey: new Uint8Array(fromBase64url(entry.publicKey, `${f}.publicKey`)),
        // A bundle repeat passed the counter check above; the library would refuse the equal counter.
        counter: repeat ? 0 : stored.counter,
      },
      requireUserVerification: true,
    });
  } catch (e) {
    scaFailed(`passkey assertion refused: ${e instanceof Error ? e.message : String(e)}`, f, e);
  }
  if (!result.verified)
    scaFailed(`signature does not verify under passkey ${credentialId}`, `${f}.signature`);

  if (repeat) return { credentialId };
  // The check above read the counter; this conditional UPDATE makes it hold across instances.
  const counter = result.authenticationInfo.newCounter;
  if (!(await advanceCounter(tx, { memberId: member.memberId, credentialId, counter, now: deps.now() })))
    scaFailed(
      `signature counter ${counter} was accepted by a concurrent check of this passkey: a replayed assertion (§6.1.1)`,
      counterField,
    );
  if (args.bundle) await recordBundleAssertion(tx, { credentialId, challenge: expectedChallenge, counter });
  return { credentialId };
}

/**
 * Secure Payment Confirmation: the browser showed the payment and recorded it in the signed client
 * data. It must be this token's amount, on the wallet's page, and the payee's verified domain: the
 * cloud resolves the DOMAIN alias itself, so a wallet cannot have the browser show another name.
 */
async function checkSpcPaymentShown(
  deps: CloudDeps,
  tx: Db,
  clientData: ClientData,
  payment: { amount: Money; payee: string },
): Promise<void> {
  const shown = (clientData.payment as { payeeOrigin?: unknown } | undefined)?.payeeOrigin;
  const domain = typeof shown === 'string' ? domainOfOrigin(shown) : undefined;
  const vouched =
    domain !== undefined && (await isVerifiedDomain(deps, payment.payee, domain, tx))
      ? [spcPayeeOrigin(domain)]
      : [];
  checkSpcPayment(
    clientData as unknown as Record<string, unknown>,
    {
      amount: payment.amount,
      rpId: deps.config.rpId,
      walletOrigins: deps.config.walletOrigins,
      payeeOrigins: vouched,
    },
    `${f}.clientDataJSON`,
  );
}

/** The host of an https origin with nothing after it, or undefined. */
function domainOfOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'https:' && url.origin === origin ? url.host : undefined;
  } catch {
    return undefined;
  }
}
