import { z } from 'zod';
import { describeInput } from '../currencies.ts';
import { ProtocolError } from '../errors.ts';
import { MAX_AMOUNT_MINOR } from '../money.ts';
import { countrySchema } from './countries.ts';

/**
 * One attempt to use a token: a redemption of a transfer token or a charge on a member token.
 * `amount` is already in minor units (parse the wire decimal with parseAmount first).
 */
export interface Attempt {
  /** The member id of who is paid (the merchant redeeming). */
  payee?: string;
  amount: bigint;
  currency: string;
  /** Where the payment happens, as reported by the merchant or the wallet. */
  location?: { country?: string; lat?: number; lon?: number };
}

/**
 * An attempt with no positive amount is not an attempt at all, so it is refused as misuse
 * (InvalidAmount), not answered with a violation: a zero or negative charge must never slip
 * through as "allowed" and then be recorded as usage.
 */
export function assertValidAttempt(attempt: Attempt): void {
  const amount: unknown = attempt.amount;
  if (typeof amount !== 'bigint' || amount <= 0n || amount > MAX_AMOUNT_MINOR) {
    throw new ProtocolError(
      'InvalidAmount',
      `amount: expected a bigint of minor units between 1 and ${MAX_AMOUNT_MINOR}, got ${describeInput(amount)}`,
      { field: 'amount', actual: amount },
    );
  }
  if (typeof attempt.currency !== 'string') {
    throw new ProtocolError(
      'InvalidAmount',
      `currency: expected a currency code, got ${describeInput(attempt.currency)}`,
      {
        field: 'currency',
      },
    );
  }
}

/**
 * Where an attempt happens, as the redeemer reports it. It travels from the merchant to the cloud
 * and on to the bank, so that each re-evaluates a location condition against the same facts.
 */
export const attemptLocationSchema = z.strictObject({
  country: countrySchema.optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
});
export type AttemptLocation = z.infer<typeof attemptLocationSchema>;
