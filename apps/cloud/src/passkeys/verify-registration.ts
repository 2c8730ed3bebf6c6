import { type RegistrationResponseJSON, verifyRegistrationResponse } from '@simplewebauthn/server';
import { cose, decodeCredentialPublicKey } from '@simplewebauthn/server/helpers';
import { isUniqueViolation } from '@tokenos/db';
import { base64url, type PasskeyEntry, ProtocolError } from '@tokenos/protocol';
import { parseClientData } from '@tokenos/service-kit';
import type { CloudDeps } from '../deps.ts';
import { passkeyAlgorithms } from './registration-options.ts';
import {
  type CredentialRow,
  consumeChallenge,
  findChallenge,
  insertCredential,
  passkeyEntryOf,
} from './store.ts';

const b64url = /^[A-Za-z0-9_-]+$/;

function malformed(field: string, message: string): never {
  throw new ProtocolError('Malformed', `${field}: ${message}`, { field });
}

function b64urlField(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || !b64url.test(value))
    malformed(field, 'expected a base64url string without padding');
  if (value.length > max) malformed(field, `expected at most ${max} characters, got ${value.length}`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The RegistrationResponseJSON shape (W3C WebAuthn L3 §5.1, toJSON()), only the members we use. */
function parseRegistrationResponse(body: unknown): RegistrationResponseJSON {
  if (!isRecord(body)) malformed('body', 'expected a RegistrationResponseJSON object');
  // §7.1 step 26 caps credential ids at 1023 bytes: 1364 base64url characters.
  const id = b64urlField(body.id, 'id', 1364);
  const rawId = b64urlField(body.rawId, 'rawId', 1364);
  if (body.type !== 'public-key')
    malformed('type', `expected "public-key", got ${JSON.stringify(body.type)}`);
  const r = body.response;
  if (!isRecord(r)) malformed('response', 'expected an object');
  const clientDataJSON = b64urlField(r.clientDataJSON, 'response.clientDataJSON', 4000);
  const attestationObject = b64urlField(r.attestationObject, 'response.attestationObject', 16_000);
  let transports: string[] | undefined;
  if (r.transports !== undefined) {
    if (
      !Array.isArray(r.transports) ||
      r.transports.length > 8 ||
      !r.transports.every((t) => typeof t === 'string' && /^[a-z-]{1,32}$/.test(t))
    )
      malformed('response.transports', 'expected up to 8 transport names (§5.8.4)');
    transports = r.transports as string[];
  }
  return {
    id,
    rawId,
    type: 'public-key',
    response: { clientDataJSON, attestationObject, ...(transports ? { transports } : {}) },
    clientExtensionResults: {},
  };
}

function scaFailed(message: string, field: string, cause?: unknown): never {
  throw new ProtocolError('ScaFailed', message, cause === undefined ? { field } : { field, cause });
}

/**
 * Verifies a registration ceremony's result (W3C WebAuthn L3 §7.1) for `memberId`: the challenge
 * was issued to this member, is unexpired and unused; origin, RP ID, user presence and user
 * verification hold; then, in one transaction, spends the challenge and stores the credential as
 * verified but not yet in the directory. Returns the entry the member must sign into its directory
 * log (addPasskey) before the passkey counts for SCA.
 */
export async function verifyPasskeyRegistration(
  deps: CloudDeps,
  args: { memberId: string; response: unknown },
): Promise<PasskeyEntry> {
  const now = deps.now();
  const response = parseRegistrationResponse(args.response);
  const clientData = parseClientData(
    response.response.clientDataJSON,
    'ScaFailed',
    'response.clientDataJSON',
  );

  // §7.1 step 9: the challenge must be one we issued, here to this member for a registration.
  const issued = await findChallenge(deps.db, clientData.challenge);
  if (!issued || issued.member_id !== args.memberId || issued.purpose !== 'registration')
    scaFailed(
      `challenge ${clientData.challenge} was not issued to member ${args.memberId} for a registration`,
      'response.clientDataJSON.challenge',
    );
  if (issued.used)
    throw new ProtocolError('Replay', `challenge ${issued.challenge} was already used for a registration`, {
      field: 'response.clientDataJSON.challenge',
    });
  if (issued.expires_at.getTime() <= now)
    throw new ProtocolError(
      'Expired',
      `challenge ${issued.challenge} expired at ${issued.expires_at.toISOString()}`,
      { field: 'response.clientDataJSON.challenge' },
    );

  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: issued.challenge,
      expectedOrigin: deps.config.walletOrigins,
      expectedRPID: deps.config.rpId,
      requireUserPresence: true,
      // §7.1 step 15; user verification is the inherence or knowledge factor (PSD2 RTS Art. 4).
      requireUserVerification: true,
      supportedAlgorithmIDs: [...passkeyAlgorithms],
    });
  } catch (e) {
    scaFailed(`passkey registration refused: ${e instanceof Error ? e.message : String(e)}`, 'response', e);
  }
  if (!verification.verified)
    scaFailed(
      'passkey registration refused: the attestation statement does not verify',
      'response.attestationObject',
    );
  const { credential, credentialType } = verification.registrationInfo;
  if (credentialType !== 'public-key')
    scaFailed(`credential type is ${credentialType}, expected public-key`, 'type');
  if (credential.id !== response.rawId)
    scaFailed(
      `authenticator data names credential ${credential.id}, the response ${response.rawId}`,
      'rawId',
    );

  const coseAlgorithm = decodeCredentialPublicKey(credential.publicKey).get(cose.COSEKEYS.alg);
  const allowed = passkeyAlgorithms.find((a) => a === coseAlgorithm);
  if (allowed === undefined)
    scaFailed(
      `credential algorithm ${String(coseAlgorithm)} is not one of ${passkeyAlgorithms.join(', ')}`,
      'response.attestationObject',
    );
  if (base64url(credential.publicKey).length > 1400)
    scaFailed(
      `credential public key of ${credential.publicKey.length} bytes is too large for a directory entry`,
      'response.attestationObject',
    );

  const row: Omit<CredentialRow, 'in_directory'> = {
    credential_id: credential.id,
    member_id: args.memberId,
    public_key: new Uint8Array(credential.publicKey),
    cose_algorithm: allowed,
    rp_id: deps.config.rpId,
    counter: credential.counter,
    transports: response.response.transports ?? [],
    registered_at: new Date(now),
  };
  try {
    await deps.db.transaction(async (tx) => {
      // Spent here, with the credential stored in the same transaction: two submissions of one
      // response can't both register.
      if (
        !(await consumeChallenge(tx, {
          challenge: issued.challenge,
          memberId: args.memberId,
          purpose: 'registration',
          now,
        }))
      )
        throw new ProtocolError(
          'Replay',
          `challenge ${issued.challenge} was already used for a registration`,
          { field: 'response.clientDataJSON.challenge' },
        );
      await insertCredential(tx, row);
    });
  } catch (e) {
    // §7.1 step 27: a credential id already registered (to anyone) is refused.
    if (isUniqueViolation(e))
      throw new ProtocolError('Conflict', `credential ${credential.id} is already registered`, {
        field: 'id',
        cause: e,
      });
    throw e;
  }
  return passkeyEntryOf({ ...row, in_directory: false });
}
