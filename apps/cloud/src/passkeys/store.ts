import type { Db } from '@tokenos/db';
import { base64url, type PasskeyEntry } from '@tokenos/protocol';

/** How long a registration challenge stays good (W3C WebAuthn L3 §13.4.3; also the ceremony timeout hint, §5.4). */
export const challengeTtlMs = 5 * 60_000;

export type ChallengePurpose = 'registration' | 'authentication';

export interface ChallengeRow {
  challenge: string;
  member_id: string;
  purpose: ChallengePurpose;
  expires_at: Date;
  used: boolean;
}

/** A verified credential as stored; `counter` is the last signCount accepted (§6.1.1). */
export interface CredentialRow {
  credential_id: string;
  member_id: string;
  public_key: Uint8Array;
  cose_algorithm: number;
  rp_id: string;
  counter: number;
  transports: string[];
  registered_at: Date;
  in_directory: boolean;
}

// int8 comes back as a bigint on both engines; the counter fits in 32 bits (checked by the table).
type RawCredentialRow = Omit<CredentialRow, 'counter'> & { counter: bigint };

function normalize(row: RawCredentialRow): CredentialRow {
  return { ...row, counter: Number(row.counter) };
}

const credentialColumns =
  'credential_id, member_id, public_key, cose_algorithm, rp_id, counter, transports, registered_at, in_directory';

/** The directory entry a verified credential stands for: what an addPasskey operation must carry. */
export function passkeyEntryOf(row: CredentialRow): PasskeyEntry {
  return {
    credentialId: row.credential_id,
    publicKey: base64url(row.public_key),
    coseAlgorithm: row.cose_algorithm as PasskeyEntry['coseAlgorithm'],
    rpId: row.rp_id,
    createdAt: row.registered_at.getTime(),
  };
}

export async function insertChallenge(db: Db, row: Omit<ChallengeRow, 'used'>, now: number): Promise<void> {
  // This member's expired challenges can't be used any more: dropped as new ones are issued.
  await db.query('delete from passkey_challenges where member_id = $1 and expires_at <= $2', [
    row.member_id,
    new Date(now),
  ]);
  await db.query(
    'insert into passkey_challenges (challenge, member_id, purpose, expires_at) values ($1, $2, $3, $4)',
    [row.challenge, row.member_id, row.purpose, row.expires_at],
  );
}

export async function findChallenge(db: Db, challenge: string): Promise<ChallengeRow | undefined> {
  return db.maybeOne<ChallengeRow>(
    'select challenge, member_id, purpose, expires_at, used from passkey_challenges where challenge = $1',
    [challenge],
  );
}

/**
 * Spends a challenge: one conditional UPDATE, so of two instances (or two requests) presenting the
 * same challenge exactly one gets `true`.
 */
export async function consumeChallenge(
  db: Db,
  args: { challenge: string; memberId: string; purpose: ChallengePurpose; now: number },
): Promise<boolean> {
  const rows = await db.query(
    `update passkey_challenges set used = true
      where challenge = $1 and member_id = $2 and purpose = $3 and not used and expires_at > $4
      returning challenge`,
    [args.challenge, args.memberId, args.purpose, new Date(args.now)],
  );
  return rows.length === 1;
}

export async function memberCredentials(db: Db, memberId: string): Promise<CredentialRow[]> {
  const rows = await db.query<RawCredentialRow>(
    `select ${credentialColumns} from passkey_credentials where member_id = $1 order by registered_at`,
    [memberId],
  );
  return rows.map(normalize);
}

export async function findCredential(
  db: Db,
  memberId: string,
  credentialId: string,
): Promise<CredentialRow | undefined> {
  const row = await db.maybeOne<RawCredentialRow>(
    `select ${credentialColumns} from passkey_credentials where credential_id = $1 and member_id = $2`,
    [credentialId, memberId],
  );
  return row && normalize(row);
}

export async function insertCredential(db: Db, row: Omit<CredentialRow, 'in_directory'>): Promise<void> {
  await db.query(
    `insert into passkey_credentials (credential_id, member_id, public_key, cose_algorithm, rp_id, counter, transports, registered_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      row.credential_id,
      row.member_id,
      row.public_key,
      row.cose_algorithm,
      row.rp_id,
      row.counter,
      row.transports,
      row.registered_at,
    ],
  );
}

/**
 * Records a new signCount only if it is above the stored one (W3C WebAuthn L3 §6.1.1, §7.2 step 22),
 * or both are zero (an authenticator without a counter). The condition is in the UPDATE itself, so
 * two instances verifying the same assertion at once can't both accept the same value.
 */
export async function advanceCounter(
  db: Db,
  args: { memberId: string; credentialId: string; counter: number; now: number },
): Promise<boolean> {
  const rows = await db.query(
    `update passkey_credentials set counter = $3, last_used_at = $4
      where credential_id = $1 and member_id = $2 and (counter < $3 or (counter = 0 and $3 = 0))
      returning credential_id`,
    [args.credentialId, args.memberId, args.counter, new Date(args.now)],
  );
  return rows.length === 1;
}

export async function setInDirectory(
  db: Db,
  memberId: string,
  credentialId: string,
  inDirectory: boolean,
): Promise<void> {
  await db.query(
    'update passkey_credentials set in_directory = $3 where credential_id = $1 and member_id = $2',
    [credentialId, memberId, inDirectory],
  );
}
