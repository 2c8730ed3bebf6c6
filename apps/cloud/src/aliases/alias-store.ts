import type { Db } from '@tokenos/db';
import { type AliasEntry, type AliasType, type MemberState, ProtocolError } from '@tokenos/protocol';
import { loadMember } from '../members/member-store.ts';

export interface VerificationRow {
  verification_id: string;
  member_id: string;
  alias_type: AliasType;
  commitment: string;
  lookup_hash: Uint8Array;
  code_hash: Uint8Array | null;
  domain_token: string | null;
  domain_host: string | null;
  attempts: number;
  max_attempts: number;
  status: 'pending' | 'verified';
  created_at: Date;
  expires_at: Date;
}

export interface NewVerification {
  verificationId: string;
  memberId: string;
  type: AliasType;
  commitment: string;
  lookupHash: Uint8Array;
  codeHash?: Uint8Array;
  domainToken?: string;
  domainHost?: string;
  maxAttempts: number;
  createdAt: number;
  expiresAt: number;
}

export function listsAlias(state: MemberState, entry: AliasEntry): boolean {
  return state.aliases.some((a) => a.type === entry.type && a.commitment === entry.commitment);
}

export async function insertVerification(db: Db, v: NewVerification): Promise<void> {
  await db.query(
    `insert into alias_verifications
       (verification_id, member_id, alias_type, commitment, lookup_hash, code_hash, domain_token, domain_host, max_attempts, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      v.verificationId,
      v.memberId,
      v.type,
      v.commitment,
      v.lookupHash,
      v.codeHash,
      v.domainToken,
      v.domainHost,
      v.maxAttempts,
      new Date(v.createdAt),
      new Date(v.expiresAt),
    ],
  );
}

/** Verifications this member started for this alias since `since`: the start rate limit. */
export async function countRecentStarts(
  db: Db,
  memberId: string,
  lookupHash: Uint8Array,
  since: number,
): Promise<number> {
  const row = await db.one<{ n: bigint }>(
    'select count(*) as n from alias_verifications where member_id = $1 and lookup_hash = $2 and created_at > $3',
    [memberId, lookupHash, new Date(since)],
  );
  return Number(row.n);
}

export async function findVerification(db: Db, verificationId: string): Promise<VerificationRow | undefined> {
  return db.maybeOne<VerificationRow>('select * from alias_verifications where verification_id = $1', [
    verificationId,
  ]);
}

/**
 * Counts one attempt, only while the verification is pending, unexpired and has attempts left; one
 * conditional UPDATE, so concurrent attempts on any number of instances never exceed the bound.
 * `undefined`: no attempt was allowed.
 */
export async function takeAttempt(
  db: Db,
  verificationId: string,
  memberId: string,
  now: number,
): Promise<VerificationRow | undefined> {
  return db.maybeOne<VerificationRow>(
    `update alias_verifications set attempts = attempts + 1
      where verification_id = $1 and member_id = $2 and status = 'pending' and attempts < max_attempts and expires_at > $3
      returning *`,
    [verificationId, memberId, new Date(now)],
  );
}

/** Marks the verification done; `false` when another request completed it first (a code used twice). */
export async function markVerified(db: Db, verificationId: string, now: number): Promise<boolean> {
  const rows = await db.query(
    `update alias_verifications set status = 'verified', completed_at = $2, domain_host = null
      where verification_id = $1 and status = 'pending' returning 1`,
    [verificationId, new Date(now)],
  );
  return rows.length === 1;
}

export interface AliasIndexRow {
  member_id: string;
  alias_type: AliasType;
  commitment: string;
}

export async function findAlias(
  db: Db,
  lookupHash: Uint8Array,
  opts: { forUpdate?: boolean } = {},
): Promise<AliasIndexRow | undefined> {
  return db.maybeOne<AliasIndexRow>(
    `select member_id, alias_type, commitment from aliases where lookup_hash = $1${opts.forUpdate ? ' for update' : ''}`,
    [lookupHash],
  );
}

/**
 * The member an indexed alias resolves to, if that member's current directory state still lists
 * the commitment; an alias removed from the log stops resolving without any cleanup having run.
 */
export async function liveOwner(db: Db, row: AliasIndexRow): Promise<string | undefined> {
  const state = await loadMember(db, row.member_id);
  return state && listsAlias(state, { type: row.alias_type, commitment: row.commitment })
    ? row.member_id
    : undefined;
}

/**
 * Points the index entry at `memberId`. Run inside a transaction: the existing row is locked, and a
 * concurrent first insert loses on the primary key and is reported as the Conflict it is. Another
 * member's entry is replaced only when that member has since removed the alias from its log.
 */
export async function claimAlias(
  tx: Db,
  entry: {
    lookupHash: Uint8Array;
    type: AliasType;
    commitment: string;
    memberId: string;
    verificationId: string;
    now: number;
  },
): Promise<void> {
  const values = [
    entry.lookupHash,
    entry.type,
    entry.memberId,
    entry.commitment,
    entry.verificationId,
    new Date(entry.now),
  ];
  const inserted = await tx.query(
    `insert into aliases (lookup_hash, alias_type, member_id, commitment, verification_id, verified_at)
     values ($1, $2, $3, $4, $5, $6) on conflict (lookup_hash) do nothing returning 1`,
    values,
  );
  if (inserted.length === 1) return;
  const existing = await findAlias(tx, entry.lookupHash, { forUpdate: true });
  if (existing && existing.member_id !== entry.memberId && (await liveOwner(tx, existing)) !== undefined)
    throw new ProtocolError('Conflict', 'this alias is already verified by another member', {
      field: 'alias.value',
    });
  await tx.query(
    `update aliases set alias_type = $2, member_id = $3, commitment = $4, verification_id = $5, verified_at = $6 where lookup_hash = $1`,
    values,
  );
}
