import type { Db } from '@tokenos/db';
import { checkSpcPayment, type MemberState, type Money, type PasskeyAssertion } from '@tokenos/protocol';
import { type ClientData, verifyPasskeyAssertion as verifySharedAssertion } from '@tokenos/service-kit';
import type { BankConfig } from '../config.ts';

const f = 'endorsement.sca.assertion';

export interface PasskeyCheck {
  config: BankConfig;
  /** The payer's (or grantor's) directory state as this bank verified it: only passkeys in it count. */
  member: MemberState;
  assertion: PasskeyAssertion;
  /** scaChallenge(tokenId): PSD2 RTS Art. 5 dynamic linking, the assertion approves this token only. */
  challenge: Uint8Array;
  /** The last signature counter this bank accepted for the credential; 0 when none. */
  storedCounter: number;
  /**
   * The transfer's amount, when the assertion approves a transfer: then one made through Secure
   * Payment Confirmation is accepted too, if the browser showed this amount on the wallet's page.
   * The payee shown is not resolved here (the bank keeps no alias index); the cloud checks it
   * against the payee's verified domain, and the challenge binds the payee either way.
   */
  payment?: { amount: Money };
}

/**
 * The bank's own WebAuthn assertion check (W3C WebAuthn L3 §7.2, the shared verifyPasskeyAssertion),
 * against the credential in the member's signed directory log and the RP ID and wallet origins this
 * bank is configured with: nothing the cloud concluded is taken over. Returns the authenticator's
 * signature counter; the caller stores it (advancePasskeyCounter).
 */
export async function verifyPasskeyAssertion(
  check: PasskeyCheck,
): Promise<{ credentialId: string; counter: number }> {
  const { config, payment } = check;
  const { credentialId, counter } = await verifySharedAssertion({
    member: check.member,
    assertion: check.assertion,
    rpId: config.rpId,
    walletOrigins: config.walletOrigins,
    challenge: check.challenge,
    field: f,
    storedCounter: async () => check.storedCounter,
    ...(payment
      ? {
          spcPayment: (clientData: ClientData, field: string) =>
            checkSpcPayment(
              clientData as unknown as Record<string, unknown>,
              { amount: payment.amount, rpId: config.rpId, walletOrigins: config.walletOrigins },
              field,
            ),
        }
      : {}),
  });
  return { credentialId, counter };
}

export async function storedPasskeyCounter(db: Db, credentialId: string): Promise<number> {
  const row = await db.maybeOne<{ counter: bigint }>(
    'select counter from passkey_counters where credential_id = $1',
    [credentialId],
  );
  return row ? Number(row.counter) : 0;
}

/**
 * Records the counter of an accepted assertion with one conditional statement, so of two requests
 * carrying the same assertion at most one passes when the authenticator counts (§6.1.1). An
 * authenticator that always reports 0 does not count, and nothing can be concluded from it.
 */
export async function advancePasskeyCounter(
  tx: Db,
  args: { credentialId: string; memberId: string; counter: number },
): Promise<boolean> {
  const rows = await tx.query(
    `insert into passkey_counters (credential_id, member_id, counter) values ($1, $2, $3)
     on conflict (credential_id) do update set counter = excluded.counter, updated_at = now()
     where passkey_counters.counter < excluded.counter or excluded.counter = 0
     returning 1`,
    [args.credentialId, args.memberId, args.counter],
  );
  return rows.length === 1;
}
