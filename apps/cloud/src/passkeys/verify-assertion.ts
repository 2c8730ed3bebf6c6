import type { Db } from '@tokenos/db';
import {
  base64url,
  checkSpcPayment,
  type MemberState,
  type Money,
  type PasskeyAssertion,
  ProtocolError,
  spcPayeeOrigin,
} from '@tokenos/protocol';
import { type ClientData, verifyPasskeyAssertion } from '@tokenos/service-kit';
import { isVerifiedDomain } from '../aliases/domain-check.ts';
import type { CloudDeps } from '../deps.ts';
import { acceptedBundleAssertion, recordBundleAssertion } from './bundle-assertions.ts';
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
 * caller's transaction, and advances the credential's signature counter there. The checks are the
 * shared verifyPasskeyAssertion (the banks run the same); around it the cloud reads and advances
 * its counter, resolves the payee shown by Secure Payment Confirmation, and remembers bundles.
 */
export async function verifyScaAssertion(
  deps: CloudDeps,
  tx: Db,
  args: ScaAssertionCheck,
): Promise<{ credentialId: string }> {
  const { member, assertion } = args;
  const credentialId = assertion.credentialId;
  const challenge = base64url(args.challenge);
  const { payment } = args;
  const verified = await verifyPasskeyAssertion({
    member,
    assertion,
    rpId: deps.config.rpId,
    walletOrigins: deps.config.walletOrigins,
    challenge: args.challenge,
    field: f,
    storedCounter: async () => {
      const stored = await findCredential(tx, member.memberId, credentialId);
      if (!stored)
        scaFailed(
          `credential ${credentialId} has no verified registration for member ${member.memberId}`,
          `${f}.credentialId`,
        );
      return stored.counter;
    },
    ...(payment
      ? { spcPayment: (clientData: ClientData) => checkSpcPaymentShown(deps, tx, clientData, payment) }
      : {}),
    ...(args.bundle
      ? {
          acceptedRepeat: (counter: number) =>
            acceptedBundleAssertion(tx, { credentialId, challenge, counter }),
        }
      : {}),
  });
  if (verified.repeat) return { credentialId };
  // The check read the counter; this conditional UPDATE makes it hold across instances.
  const { counter } = verified;
  if (!(await advanceCounter(tx, { memberId: member.memberId, credentialId, counter, now: deps.now() })))
    scaFailed(
      `signature counter ${counter} was accepted by a concurrent check of this passkey: a replayed assertion (§6.1.1)`,
      `${f}.authenticatorData.signCount`,
    );
  if (args.bundle) await recordBundleAssertion(tx, { credentialId, challenge, counter });
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
