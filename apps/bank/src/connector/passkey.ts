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
  utf8,
} from '@tokenos/protocol';
import type { BankConfig } from '../config.ts';

const f = 'endorsement.sca.assertion';

function scaFailed(message: string, field: string, cause?: unknown): never {
  throw new ProtocolError('ScaFailed', message, cause === undefined ? { field } : { field, cause });
}

function clientDataOf(encoded: string): {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin?: unknown;
  topOrigin?: unknown;
} {
  let value: unknown;
  try {
    value = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(encoded, `${f}.clientDataJSON`)),
    );
  } catch (e) {
    scaFailed('clientDataJSON is not base64url of UTF-8 JSON', `${f}.clientDataJSON`, e);
  }
  const d = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  for (const name of ['type', 'challenge', 'origin'] as const)
    if (typeof d[name] !== 'string')
      scaFailed(
        `clientDataJSON.${name}: expected a string, got ${typeof d[name]}`,
        `${f}.clientDataJSON.${name}`,
      );
  return d as { type: string; challenge: string; origin: string; crossOrigin?: unknown; topOrigin?: unknown };
}

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
 * The bank's own WebAuthn assertion check (W3C WebAuthn L3 §7.2), against the credential in the
 * member's signed directory log and the RP ID and wallet origins this bank is configured with:
 * nothing the cloud concluded is taken over. Returns the authenticator's signature counter.
 */
export async function verifyPasskeyAssertion(
  check: PasskeyCheck,
): Promise<{ credentialId: string; counter: number }> {
  const { member, assertion, config } = check;
  const credentialId = assertion.credentialId;
  // §7.2 steps 5-7: the credential must be one of the member's, per its directory log.
  const entry = member.passkeys.find((p) => p.credentialId === credentialId);
  if (!entry)
    scaFailed(
      `credential ${credentialId} is not a passkey in member ${member.memberId}'s directory`,
      `${f}.credentialId`,
    );
  if (entry.rpId !== config.rpId)
    scaFailed(
      `passkey ${credentialId} belongs to RP ${entry.rpId}, this bank accepts ${config.rpId}`,
      `${f}.credentialId`,
    );
  // §7.2 step 6: user.id is the member id's bytes.
  if (assertion.userHandle !== undefined && assertion.userHandle !== member.memberId)
    scaFailed(`userHandle is ${assertion.userHandle}, expected ${member.memberId}`, `${f}.userHandle`);

  // §7.2 steps 10-14. A ceremony in a cross-origin frame could be clickjacked (§13.4.2): refused.
  const clientData = clientDataOf(assertion.clientDataJSON);
  if (clientData.crossOrigin === true || clientData.topOrigin !== undefined)
    scaFailed(
      'clientDataJSON says the ceremony ran in a cross-origin frame; only top-level wallet pages may run it',
      `${f}.clientDataJSON.crossOrigin`,
    );
  if (clientData.type === SPC_CLIENT_DATA_TYPE) {
    if (!check.payment)
      scaFailed(
        `clientDataJSON.type is "${SPC_CLIENT_DATA_TYPE}": Secure Payment Confirmation approves payments, and this is not one`,
        `${f}.clientDataJSON.type`,
      );
    checkSpcPayment(
      clientData,
      { amount: check.payment.amount, rpId: config.rpId, walletOrigins: config.walletOrigins },
      `${f}.clientDataJSON`,
    );
  } else if (clientData.type !== 'webauthn.get')
    scaFailed(
      `clientDataJSON.type is ${JSON.stringify(clientData.type)}, expected "webauthn.get"${check.payment ? ` or "${SPC_CLIENT_DATA_TYPE}"` : ''}`,
      `${f}.clientDataJSON.type`,
    );
  const expectedChallenge = base64url(check.challenge);
  if (clientData.challenge !== expectedChallenge)
    scaFailed(
      `clientDataJSON.challenge is ${clientData.challenge}, expected ${expectedChallenge}: the assertion approves something else (PSD2 RTS Art. 5)`,
      `${f}.clientDataJSON.challenge`,
    );
  if (!config.walletOrigins.includes(clientData.origin))
    scaFailed(
      `clientDataJSON.origin is ${clientData.origin}, expected one of ${config.walletOrigins.join(', ')}`,
      `${f}.clientDataJSON.origin`,
    );

  // §7.2 steps 15-17: RP ID hash, user present and verified (a biometric or PIN is one SCA factor, PSD2 RTS Art. 4).
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
  if (!equalBytes(authData.rpIdHash, sha256(utf8(config.rpId))))
    scaFailed(
      `authenticatorData.rpIdHash is not SHA-256 of ${config.rpId}`,
      `${f}.authenticatorData.rpIdHash`,
    );
  if (!authData.flags.up)
    scaFailed('authenticatorData flags: user presence (UP) is not set', `${f}.authenticatorData.flags`);
  if (!authData.flags.uv)
    scaFailed('authenticatorData flags: user verification (UV) is not set', `${f}.authenticatorData.flags`);

  // §7.2 steps 19-22: the signature over authenticatorData || SHA-256(clientDataJSON), and the counter.
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
      expectedType: check.payment ? ['webauthn.get', SPC_CLIENT_DATA_TYPE] : 'webauthn.get',
      expectedOrigin: config.walletOrigins,
      expectedRPID: config.rpId,
      credential: {
        id: credentialId,
        publicKey: new Uint8Array(fromBase64url(entry.publicKey, `${f}.publicKey`)),
        counter: check.storedCounter,
      },
      requireUserVerification: true,
    });
  } catch (e) {
    scaFailed(`passkey assertion refused: ${e instanceof Error ? e.message : String(e)}`, f, e);
  }
  if (!result.verified)
    scaFailed(`signature does not verify under passkey ${credentialId}`, `${f}.signature`);
  return { credentialId, counter: result.authenticationInfo.newCounter };
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
