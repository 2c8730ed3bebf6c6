import type { Db } from '@tokenos/db';
import type { AliasType, PublicKeyRef } from '@tokenos/protocol';

export interface CustodialRow {
  member_id: string;
  custodian_id: string;
  alias_type: Exclude<AliasType, 'DOMAIN'>;
  lookup_hash: Uint8Array | null;
  commitment: string | null;
  salt: string | null;
  claim_by: Date;
  status: 'pending' | 'claimed' | 'expired';
  created_at: Date;
  claimed_at: Date | null;
  expired_at: Date | null;
}

export interface ClaimRow {
  claim_id: string;
  member_id: string | null;
  lookup_hash: Uint8Array;
  key_id: string;
  claimant_key: PublicKeyRef;
  code_hash: Uint8Array;
  attempts: number;
  max_attempts: number;
  status: 'pending' | 'verified' | 'claimed';
  created_at: Date;
  expires_at: Date;
}

export async function insertCustodial(
  db: Db,
  row: Pick<CustodialRow, 'member_id' | 'custodian_id' | 'alias_type' | 'claim_by' | 'created_at'> & {
    lookup_hash: Uint8Array;
    commitment: string;
    salt: string;
  },
): Promise<void> {
  await db.query(
    `insert into custodial_members (member_id, custodian_id, alias_type, lookup_hash, commitment, salt, claim_by, status, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, 'pending', $8)`,
    [
      row.member_id,
      row.custodian_id,
      row.alias_type,
      row.lookup_hash,
      row.commitment,
      row.salt,
      row.claim_by,
      row.created_at,
    ],
  );
}

export async function loadCustodial(
  db: Db,
  memberId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<CustodialRow | undefined> {
  return db.maybeOne<CustodialRow>(
    `select * from custodial_members where member_id = $1${opts.forUpdate ? ' for update' : ''}`,
    [memberId],
  );
}

/** The oldest member still waiting to be claimed through this alias (one claim takes one member). */
export async function awaitingClaim(
  db: Db,
  lookupHash: Uint8Array,
  now: number,
): Promise<string | undefined> {
  const row = await db.maybeOne<{ member_id: string }>(
    `select member_id from custodial_members
      where lookup_hash = $1 and status = 'pending' and claim_by > $2
      order by created_at, member_id limit 1`,
    [lookupHash, new Date(now)],
  );
  return row?.member_id;
}

export async function insertClaim(db: Db, row: Omit<ClaimRow, 'attempts' | 'status'>): Promise<void> {
  await db.query(
    `insert into member_claims (claim_id, member_id, lookup_hash, key_id, claimant_key, code_hash, max_attempts, created_at, expires_at)
     values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9)`,
    [
      row.claim_id,
      row.member_id,
      row.lookup_hash,
      row.key_id,
      JSON.stringify(row.claimant_key),
      row.code_hash,
      row.max_attempts,
      row.created_at,
      row.expires_at,
    ],
  );
}

export async function findClaim(db: Db, claimId: string): Promise<ClaimRow | undefined> {
  return db.maybeOne<ClaimRow>('select * from member_claims where claim_id = $1', [claimId]);
}

/** Claims started for one alias since `since`: the bound on codes mailed to one address. */
export async function countRecentClaims(db: Db, lookupHash: Uint8Array, since: number): Promise<number> {
  const row = await db.one<{ n: bigint }>(
    'select count(*) as n from member_claims where lookup_hash = $1 and created_at > $2',
    [lookupHash, new Date(since)],
  );
  return Number(row.n);
}

/**
 * Counts one attempt while the claim is pending, unexpired and has attempts left: one conditional
 * UPDATE, so concurrent guesses on any number of instances never exceed the bound.
 */
export async function takeClaimAttempt(db: Db, claimId: string, now: number): Promise<ClaimRow | undefined> {
  return db.maybeOne<ClaimRow>(
    `update member_claims set attempts = attempts + 1
      where claim_id = $1 and status = 'pending' and attempts < max_attempts and expires_at > $2
      returning *`,
    [claimId, new Date(now)],
  );
}

/** Moves a claim from `from` to `to`; false when another request moved it first. */
export async function advanceClaim(
  db: Db,
  claimId: string,
  from: ClaimRow['status'],
  to: ClaimRow['status'],
  now: number,
): Promise<boolean> {
  const rows = await db.query(
    `update member_claims set status = $3, verified_at = coalesce(verified_at, $4)
      where claim_id = $1 and status = $2 returning 1`,
    [claimId, from, to, new Date(now)],
  );
  return rows.length === 1;
}
