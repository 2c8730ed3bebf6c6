// Secure Payment Confirmation (W3C SPC): where the browser supports it, a payment is approved in
// the browser's own dialog, which shows the amount, the payee and the account itself, so a
// compromised page cannot show one amount and have another signed. The passkey signs the same
// challenge as a plain assertion (scaChallenge(tokenId)); the browser adds what it showed to the
// signed client data, and the cloud and the bank check it against the token (see
// packages/protocol/src/tokens/secure-payment-confirmation.ts). Where SPC is missing (Firefox,
// Safari, Chromium on Linux) the wallet asks for a plain passkey assertion instead.
import {
  base64url,
  fromBase64url,
  type Money,
  type PasskeyAssertion,
  parseWith,
  passkeyAssertionSchema,
  spcPayeeOrigin,
} from '@tokenos/protocol';

/** What the browser's dialog shows for a payment. */
export interface SpcDisplay {
  amount: Money;
  /** The relying party of the member's passkeys (their directory entries name it). */
  rpId: string;
  payeeName: string;
  /** The payee's verified DOMAIN alias; SPC shows it as https://<domain>. */
  payeeDomain: string;
  /** The account paid from, as the wallet names it ("Iron Bank · Savings ••••1234"). */
  instrument: string;
}

const method = 'secure-payment-confirmation';
const timeoutMs = 120_000;

/** The PaymentRequest arguments for `display` (SPC §3.2 SecurePaymentConfirmationRequest). */
export function spcRequestArgs(
  challenge: Uint8Array,
  credentialIds: readonly string[],
  display: SpcDisplay,
  iconUrl: string,
): { methodData: PaymentMethodData[]; details: PaymentDetailsInit } {
  return {
    methodData: [
      {
        supportedMethods: method,
        data: {
          credentialIds: credentialIds.map((id) => fromBase64url(id, 'credentialId')),
          challenge,
          rpId: display.rpId,
          payeeName: display.payeeName,
          payeeOrigin: spcPayeeOrigin(display.payeeDomain),
          instrument: { displayName: display.instrument, icon: iconUrl },
          timeout: timeoutMs,
        },
      },
    ],
    details: {
      total: { label: 'Total', amount: { currency: display.amount.currency, value: display.amount.value } },
    },
  };
}

/** The response's credential (a PublicKeyCredential with an assertion response) as the protocol's assertion. */
export function assertionFromSpcCredential(credential: unknown): PasskeyAssertion {
  const c = credential as {
    rawId?: ArrayBuffer;
    response?: {
      clientDataJSON?: ArrayBuffer;
      authenticatorData?: ArrayBuffer;
      signature?: ArrayBuffer;
      userHandle?: ArrayBuffer | null;
    };
  };
  const bytes = (b: ArrayBuffer | null | undefined) => (b ? base64url(new Uint8Array(b)) : undefined);
  const r = c.response;
  const userHandle = bytes(r?.userHandle);
  return parseWith(
    passkeyAssertionSchema,
    {
      credentialId: bytes(c.rawId),
      clientDataJSON: bytes(r?.clientDataJSON),
      authenticatorData: bytes(r?.authenticatorData),
      signature: bytes(r?.signature),
      ...(userHandle ? { userHandle } : {}),
    },
    'secure payment confirmation',
  );
}

/**
 * Runs SPC for `challenge` and returns the assertion, or undefined when this browser cannot (no
 * PaymentRequest, or canMakePayment() says no, as Chromium on Linux does); the caller then asks
 * for a plain passkey assertion. A user who cancels the dialog gets the browser's NotAllowedError.
 */
export async function spcAssertion(
  challenge: Uint8Array,
  credentialIds: readonly string[],
  display: SpcDisplay,
): Promise<PasskeyAssertion | undefined> {
  if (typeof PaymentRequest === 'undefined' || credentialIds.length === 0) return undefined;
  const icon = new URL('/icons/icon-192.png', location.origin).href;
  const { methodData, details } = spcRequestArgs(challenge, credentialIds, display, icon);
  let request: PaymentRequest;
  try {
    request = new PaymentRequest(methodData, details);
    if (!(await request.canMakePayment())) return undefined;
  } catch {
    // A TypeError here means this browser's SPC refuses the arguments (an old version, say).
    return undefined;
  }
  const response = await request.show();
  await response.complete('success');
  return assertionFromSpcCredential(response.details);
}
