import { z } from 'zod';
import { ProtocolError } from '../errors.ts';
import { type Money, parseAmount } from '../money.ts';

// W3C Secure Payment Confirmation (SPC, CR 2025): a WebAuthn assertion made through
// `PaymentRequest` with the method "secure-payment-confirmation". The browser, not the page,
// shows the amount, the payee and the instrument, and records what it showed in the client data
// the authenticator signs: `type` is "payment.get" and `payment` holds the transaction (SPC
// §4.1.3 CollectedClientAdditionalPaymentData). A verifier that accepts such an assertion as SCA
// must check that what the browser showed is the token being endorsed: the total is the token's
// amount, and the payee is the token's payee. The challenge still binds the token id, as for a
// plain passkey assertion (PSD2 RTS Art. 5, dynamic linking).

/** The clientDataJSON `type` of an SPC assertion (SPC §4.1.3), beside WebAuthn's "webauthn.get". */
export const SPC_CLIENT_DATA_TYPE = 'payment.get';

/**
 * SPC §4.1.3 CollectedClientAdditionalPaymentData, the members a verifier checks. Not strict: a
 * browser may add members that later versions of SPC define (paymentEntitiesLogos, say).
 */
export const spcPaymentDataSchema = z.object({
  rpId: z.string().min(1).max(253),
  topOrigin: z.string().min(1).max(2048),
  payeeName: z.string().max(280).optional(),
  payeeOrigin: z.string().max(2048).optional(),
  total: z.object({ currency: z.string().min(1).max(8), value: z.string().min(1).max(40) }),
  instrument: z.object({ displayName: z.string().max(280), icon: z.string().max(8192) }),
});
export type SpcPaymentData = z.infer<typeof spcPaymentDataSchema>;

/** What the verifier expects the browser to have shown. */
export interface SpcExpectation {
  /** The transfer token's amount. */
  amount: Money;
  /** The relying party the passkeys belong to. */
  rpId: string;
  /** The wallet's origins: SPC runs in the wallet's own top-level page. */
  walletOrigins: readonly string[];
  /**
   * The payee origins the verifier can vouch for (https://<verified DOMAIN alias of the payee>), or
   * undefined when it cannot resolve the payee's domain itself (then a payee must merely be shown).
   */
  payeeOrigins?: readonly string[];
}

/**
 * The SPC payment data of a decoded clientDataJSON checked against the token being endorsed.
 * Throws ProtocolError('ScaFailed') naming the field under `field` (e.g.
 * `sca.assertion.clientDataJSON`) when the browser showed something else, or nothing.
 */
export function checkSpcPayment(
  clientData: Record<string, unknown>,
  expected: SpcExpectation,
  field: string,
): void {
  const f = `${field}.payment`;
  const parsed = spcPaymentDataSchema.safeParse(clientData.payment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length > 0 ? `${f}.${issue.path.join('.')}` : f;
    throw new ProtocolError(
      'ScaFailed',
      `${path}: an SPC assertion must carry the payment the browser showed (${issue?.message ?? 'missing'})`,
      { field: path },
    );
  }
  const payment = parsed.data;
  if (payment.rpId !== expected.rpId)
    throw new ProtocolError('ScaFailed', `${f}.rpId is ${payment.rpId}, expected ${expected.rpId}`, {
      field: `${f}.rpId`,
    });
  if (!expected.walletOrigins.includes(payment.topOrigin))
    throw new ProtocolError(
      'ScaFailed',
      `${f}.topOrigin is ${payment.topOrigin}, expected one of ${expected.walletOrigins.join(', ')}: SPC must run in the wallet's own page`,
      { field: `${f}.topOrigin` },
    );
  // The amount is compared in minor units, so "12.5" and "12.50" EUR are the same total, and a
  // total the currency cannot carry ("12.505" EUR) is no total at all.
  if (
    payment.total.currency !== expected.amount.currency ||
    minorUnits(payment.total) !== parseAmount(expected.amount.value, expected.amount.currency)
  )
    throw new ProtocolError(
      'ScaFailed',
      `${f}.total: the browser showed ${payment.total.value} ${payment.total.currency}, the token moves ${expected.amount.value} ${expected.amount.currency}`,
      { field: `${f}.total` },
    );
  if (payment.payeeName === undefined && payment.payeeOrigin === undefined)
    throw new ProtocolError(
      'ScaFailed',
      `${f}: the browser showed no payee (SPC needs payeeName or payeeOrigin)`,
      {
        field: `${f}.payeeOrigin`,
      },
    );
  if (expected.payeeOrigins !== undefined) {
    if (payment.payeeOrigin === undefined || !expected.payeeOrigins.includes(payment.payeeOrigin))
      throw new ProtocolError(
        'ScaFailed',
        `${f}.payeeOrigin is ${payment.payeeOrigin ?? 'missing'}, expected ${expected.payeeOrigins.length > 0 ? expected.payeeOrigins.join(' or ') : 'the payee to have a verified domain'}`,
        { field: `${f}.payeeOrigin` },
      );
  }
}

function minorUnits(total: { value: string; currency: string }): bigint | undefined {
  try {
    return parseAmount(total.value, total.currency);
  } catch {
    return undefined;
  }
}

/** The SPC payee origin for a verified DOMAIN alias: SPC requires https (SPC §3.2 step 9). */
export function spcPayeeOrigin(domain: string): string {
  return `https://${domain}`;
}
